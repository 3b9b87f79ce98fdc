//! Series input: both forms, missing values, grid checks and seasonal-period detection.

use opscore::ErrorCode;
use opscore::capacity::rng::Normal;
use opscore::capacity::series::{SeriesInput, Values, detect_periods, prepare};
use opscore::time::Timestamp;

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

fn by_start(values: Vec<f64>) -> SeriesInput {
    SeriesInput { start: Some(ts(0)), step: Some(60.0), timestamps: None, values: Values(values) }
}

#[test]
fn missing_values_are_trimmed_and_interpolated() {
    let nan = f64::NAN;
    let s = prepare(&by_start(vec![nan, 1.0, nan, nan, 4.0, 5.0, nan]), "series").unwrap();
    // Leading NaN dropped (start moves one step, 60 s), trailing NaN dropped, 2 and 3 filled on the line 1 → 4.
    assert_eq!(s.values, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!((s.interpolated, s.trimmed), (2, 2));
    assert_eq!(s.start_ms, 60_000.0);
    let e = prepare(&by_start(vec![nan, nan]), "series").unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InsufficientData, "series.values"));
    let e = prepare(&by_start(vec![1.0, f64::INFINITY]), "series").unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotFinite, "series.values[1]"));
    let e = prepare(&by_start(vec![]), "series").unwrap_err();
    assert_eq!(e.code, ErrorCode::Empty);
}

#[test]
fn timestamps_fill_a_grid() {
    // Every 10 minutes, with the 00:20 slot absent: it becomes a missing value, interpolated to 3.
    let s = SeriesInput {
        start: None,
        step: None,
        timestamps: Some(vec![ts(0), ts(600_000), ts(1_800_000), ts(2_400_000)]),
        values: Values(vec![1.0, 2.0, 4.0, 5.0]),
    };
    let p = prepare(&s, "series").unwrap();
    assert_eq!(p.step, 600.0);
    assert_eq!(p.values, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(p.interpolated, 1);
    let bad = |t: Vec<Timestamp>, step: Option<f64>| {
        let n = t.len();
        prepare(&SeriesInput { start: None, step, timestamps: Some(t), values: Values(vec![1.0; n]) }, "series")
            .unwrap_err()
    };
    let e = bad(vec![ts(0), ts(600_000), ts(600_000)], None);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::Duplicate, "series.timestamps[2]"));
    let e = bad(vec![ts(0), ts(1_200_000), ts(600_000)], None);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::Unsorted, "series.timestamps[2]"));
    // 00:15 is not on a 10-minute grid.
    let e = bad(vec![ts(0), ts(600_000), ts(900_000)], Some(600.0));
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "series.timestamps[2]"));
    let e = prepare(
        &SeriesInput { start: None, step: None, timestamps: Some(vec![ts(0)]), values: Values(vec![1.0, 2.0]) },
        "series",
    )
    .unwrap_err();
    assert_eq!(e.path, "series.timestamps");
    let e = prepare(&SeriesInput { step: None, ..by_start(vec![1.0]) }, "series").unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, "series.step"));
    let e = prepare(&SeriesInput { step: Some(0.0), ..by_start(vec![1.0]) }, "series").unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "series.step"));
    let e = prepare(&SeriesInput { start: None, step: None, timestamps: None, values: Values(vec![1.0]) }, "series")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::MissingField);
}

#[test]
fn periods_are_detected_from_the_calendar() {
    let mut g = Normal::new(11);
    // Hourly, 6 weeks: a daily sine and a weekend dip → 24 and 168.
    let hourly: Vec<f64> = (0..24 * 42)
        .map(|t| {
            let weekend = if (t / 24) % 7 >= 5 { -8.0 } else { 0.0 };
            50.0 + 10.0 * (2.0 * std::f64::consts::PI * (t % 24) as f64 / 24.0).sin() + weekend + g.next()
        })
        .collect();
    assert_eq!(detect_periods(&hourly, 3_600.0), vec![24, 168]);
    // Daily sine with period 24 only (no weekly effect) → 24 alone.
    let daily_only: Vec<f64> =
        (0..24 * 42).map(|t| 50.0 + 10.0 * (2.0 * std::f64::consts::PI * t as f64 / 24.0).sin() + g.next()).collect();
    assert_eq!(detect_periods(&daily_only, 3_600.0), vec![24]);
    // Daily data with a weekday pattern → 7.
    let daily: Vec<f64> = (0..200).map(|t| 100.0 + [0.0, 3.0, 4.0, 4.0, 3.0, -6.0, -8.0][t % 7] + g.next()).collect();
    assert_eq!(detect_periods(&daily, 86_400.0), vec![7]);
    // White noise, and a trend without season → nothing.
    let noise: Vec<f64> = (0..400).map(|_| g.next()).collect();
    assert_eq!(detect_periods(&noise, 86_400.0), Vec::<usize>::new());
    let trend: Vec<f64> = (0..400).map(|t| t as f64 + g.next()).collect();
    assert_eq!(detect_periods(&trend, 86_400.0), Vec::<usize>::new());
}

#[test]
fn a_strong_season_is_found_in_four_cycles() {
    // R's `datasets::mdeaths` (monthly deaths from lung disease, UK males), January 1974 to June 1978: 4.5 years
    // of a winter peak about twice the summer trough. The autocorrelation test alone missed it (lag-12
    // autocorrelation 0.63 against a bound of 0.66); its seasonal strength is 0.87.
    let mdeaths = [
        2134., 1863., 1877., 1877., 1492., 1249., 1280., 1131., 1209., 1492., 1621., 1846., 2103., 2137., 2153., 1833.,
        1403., 1288., 1186., 1133., 1053., 1347., 1545., 2066., 2020., 2750., 2283., 1479., 1189., 1160., 1113., 970.,
        999., 1208., 1467., 2059., 2240., 1634., 1722., 1801., 1246., 1162., 1087., 1013., 959., 1179., 1229., 1655.,
        2019., 2284., 1942., 1423., 1340., 1187.,
    ];
    assert_eq!(detect_periods(&mdeaths, 30.4375 * 86_400.0), vec![12]);

    // Four cycles of a sine with amplitude 2√2 (variance 4) in unit noise, on a slowly wandering level: found in
    // every one of 200 series, hourly (24) and daily (7). The autocorrelation test alone (before the strength
    // test was added) found none of the hourly ones and 6 of the daily ones.
    let mut g = Normal::new(5);
    for (p, step) in [(24usize, 3_600.0), (7, 86_400.0)] {
        let found = (0..200)
            .filter(|_| {
                let mut level = 0.0;
                let y: Vec<f64> = (0..4 * p)
                    .map(|t| {
                        level += 0.3 * g.next();
                        let phase = 2.0 * std::f64::consts::PI * (t % p) as f64 / p as f64;
                        100.0 + level + 2.0 * std::f64::consts::SQRT_2 * phase.sin() + g.next()
                    })
                    .collect();
                detect_periods(&y, step) == vec![p]
            })
            .count();
        assert_eq!(found, 200, "period {p}");
    }
}

#[test]
fn no_season_is_found_in_short_noise_or_random_walks() {
    // False alarms of the detector (either test) on series with no season: at most 5% of 400, the level of the
    // autocorrelation test's one-sided bound (1.645), for white noise and random walks four to six cycles long.
    let mut g = Normal::new(9);
    for (p, step) in [(24usize, 3_600.0), (7, 86_400.0), (12, 30.4375 * 86_400.0)] {
        for cycles in [4, 5, 6] {
            for walk in [false, true] {
                let alarms = (0..400)
                    .filter(|_| {
                        let mut level = 0.0;
                        let y: Vec<f64> = (0..cycles * p)
                            .map(|_| {
                                let e = g.next();
                                if walk {
                                    level += e;
                                    50.0 + level
                                } else {
                                    50.0 + e
                                }
                            })
                            .collect();
                        !detect_periods(&y, step).is_empty()
                    })
                    .count();
                assert!(alarms <= 20, "period {p}, {cycles} cycles, walk {walk}: {alarms} of 400");
            }
        }
    }
}

#[test]
fn rounding_left_by_the_moving_average_is_not_a_season() {
    // A constant that binary floating point cannot hold exactly (0.1) leaves last-bit errors after its moving
    // average, with a period of their own; they are not a season (before the check on what is left, 0.1 got a
    // period of 7). A noise-free daily cycle is found, and what it leaves for the weekly test is not a second
    // season.
    for c in [0.1, 0.3, 1e6 / 3.0, 7.7] {
        assert_eq!(detect_periods(&[c; 400], 86_400.0), Vec::<usize>::new(), "constant {c}");
        assert_eq!(detect_periods(&[c; 24 * 42], 3_600.0), Vec::<usize>::new(), "constant {c}");
    }
    let sine: Vec<f64> =
        (0..24 * 42).map(|t| 50.1 + 10.0 * (2.0 * std::f64::consts::PI * (t % 24) as f64 / 24.0).sin()).collect();
    assert_eq!(detect_periods(&sine, 3_600.0), vec![24]);
}
