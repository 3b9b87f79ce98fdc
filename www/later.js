// A timer that runs the latest function given, `ms` after the last call, without clearing and setting a browser
// timer on every call: while a what-if control moves, a view schedules its at-rest work (the year's backtest, the
// rules, saving the scenario) on every move, and clearTimeout + setTimeout cost a tenth of a millisecond or more
// each on the main thread. Here one timer stays armed; when it fires early (the deadline moved on since it was
// set), it is set again for the rest.

/** `later(ms)` → {run(fn), cancel()}: `run` makes `fn` the function to call `ms` after now (replacing the last one). */
export function later(ms) {
  let timer = 0;
  let due = 0;
  let fn = null;
  const fire = () => {
    const wait = due - performance.now();
    if (wait > 1) {
      timer = setTimeout(fire, wait);
      return;
    }
    timer = 0;
    const f = fn;
    fn = null;
    f?.();
  };
  return {
    run(next) {
      fn = next;
      due = performance.now() + ms;
      if (!timer) timer = setTimeout(fire, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = 0;
      fn = null;
    },
  };
}
