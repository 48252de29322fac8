//! The defaults and the three presets against values worked out by hand from the equations.
//! Numbers are written to 6 decimals, so they are checked to 1e-6 relative.

use deal_model::{preset, InputKey, Ledger, Scenario, PRESETS};

use crate::assert_close;

const HAND: f64 = 1e-6;

#[test]
fn the_defaults_are_the_reported_terms_and_the_base_preset() {
    let s = Scenario::default();
    assert_eq!((s.r26, s.r30, s.g), (30.0, 200.0, 15.0));
    assert_eq!(
        (s.rate, s.cap, s.until, s.old_until),
        (20.0, 38.0, 2030.0, 2030.0)
    );
    assert_eq!(
        (s.reverse, s.stake, s.m26, s.margin),
        (0.0, 27.0, -65.0, 35.0)
    );
    assert_eq!(
        (s.profit_year, s.year, s.vol, s.seed),
        (2030.0, 2030.0, 0.0, 1.0)
    );
    assert_eq!(s.with_preset(preset("base").unwrap()), s);
}

#[test]
fn presets_are_bear_base_bull_and_change_revenue_only() {
    let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
    assert_eq!(names, ["bear", "base", "bull"]);
    let bear = preset("bear").unwrap();
    assert_eq!((bear.r26, bear.r30, bear.g), (25.0, 80.0, 10.0));
    let bull = preset("bull").unwrap();
    assert_eq!((bull.r26, bull.r30, bull.g), (30.0, 280.0, 20.0));
    assert!(preset("sideways").is_none());

    let mut terms = Scenario::default();
    terms.set(InputKey::Cap, 50.0);
    terms.set(InputKey::Stake, 25.0);
    let s = terms.with_preset(bear);
    assert_eq!((s.r26, s.r30, s.g), (25.0, 80.0, 10.0));
    assert_eq!((s.cap, s.stake, s.rate), (50.0, 25.0, 20.0));
    assert_eq!(deal_model::active_preset(&s).map(|p| p.name), Some("bear"));
    assert_eq!(
        deal_model::active_preset(&terms).map(|p| p.name),
        Some("base")
    );
    let mut off = s;
    off.set(InputKey::G, 11.0);
    assert_eq!(deal_model::active_preset(&off), None);
}

#[test]
fn defaults_by_hand() {
    let l = Ledger::compute(&Scenario::default());
    let r: Vec<f64> = l.rows.iter().map(|row| row.revenue).collect();
    // Revenue, 2026-2030: 30 * (200/30)^((y-2026)/4), with (200/30)^(1/4) = 1.606857.
    //   2027: 30 * 1.606857 = 48.205705;   2028: 30 * (200/30)^(1/2) = 30 * 2.581989 = 77.459667
    //   2029: 30 * (200/30)^(3/4) = 30 * 4.148887 = 124.466595;   2030: 200
    // After 2030: 200 * 1.15^(y-2030) = 230, 264.5, 304.175, 349.80125, 402.2714375.
    let expected = [
        30.0, 48.205705, 77.459667, 124.466595, 200.0, 230.0, 264.5, 304.175, 349.80125, 402.271437,
    ];
    for (actual, expected) in r.iter().zip(expected) {
        assert_close!(*actual, expected, HAND);
    }
    // New terms, 20% of revenue until the $38B cap:
    //   2026: 0.2 * 30 = 6                 -> C = 6
    //   2027: 0.2 * 48.205705 = 9.641141   -> C = 15.641141
    //   2028: 0.2 * 77.459667 = 15.491933  -> C = 31.133074
    //   2029: min(0.2 * 124.466595 = 24.893319, 38 - 31.133074 = 6.866926) = 6.866926 -> C = 38
    //   2030 and later: nothing left under the cap.
    let share_new = [
        6.0, 9.641141, 15.491933, 6.866926, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    ];
    for (row, expected) in l.rows.iter().zip(share_new) {
        assert_close!(row.share_new, expected, HAND);
    }
    assert_close!(l.rows[2].cumulative_new, 31.133074, HAND);
    assert_eq!(l.headline.cap_year, Some(2029));
    assert_close!(l.headline.total_new, 38.0, HAND);
    // Old terms, 20% through 2030, no reverse share:
    //   0.2 * (30 + 48.205705 + 77.459667 + 124.466595 + 200) = 0.2 * 480.131967 = 96.026393
    assert_close!(l.headline.total_old, 96.026393, HAND);
    assert_close!(l.rows[9].cumulative_old, 96.026393, HAND);
    // Savings 96.026393 - 38 = 58.026393; Microsoft's change -(1 - 0.27) * 58.026393 = -42.359267.
    assert_close!(l.headline.openai_savings, 58.026393, HAND);
    assert_close!(l.headline.microsoft_change, -42.359267, HAND);
    // Margin: -65 + (35 - (-65)) * (y - 2026)/4 = -65, -40, -15, 10, then 35.
    let margins: Vec<f64> = l.rows.iter().map(|row| row.margin_pct).collect();
    assert_eq!(
        margins,
        [-65.0, -40.0, -15.0, 10.0, 35.0, 35.0, 35.0, 35.0, 35.0, 35.0]
    );
    // 2026: N = -0.65 * 30 - 6 = -25.5; M = 6 + 0.27 * -25.5 = -0.885; O = 0.73 * -25.5 = -18.615.
    let first = &l.rows[0];
    assert_close!(first.net_income_new, -25.5, HAND);
    assert_close!(first.microsoft_take_new, -0.885, HAND);
    assert_close!(first.others_take_new, -18.615, HAND);
    // 2030: N_new = 0.35 * 200 - 0 = 70; M_new = 0.27 * 70 = 18.9; N_old = 70 - 40 = 30;
    //       M_old = 40 + 0.27 * 30 = 48.1; O_old = 0.73 * 30 = 21.9.
    let y2030 = l.row(2030).unwrap();
    assert_close!(y2030.net_income_new, 70.0, HAND);
    assert_close!(y2030.microsoft_take_new, 18.9, HAND);
    assert_close!(y2030.net_income_old, 30.0, HAND);
    assert_close!(y2030.microsoft_take_old, 48.1, HAND);
    assert_close!(y2030.others_take_old, 21.9, HAND);
    assert_close!(y2030.openai_kept_new, 200.0, HAND);
    assert_close!(y2030.openai_kept_old, 160.0, HAND);
}

#[test]
fn bear_by_hand() {
    let s = Scenario::default().with_preset(preset("bear").unwrap());
    let l = Ledger::compute(&s);
    // Revenue: 25 * (80/25)^((y-2026)/4), (3.2)^(1/4) = 1.337481:
    //   25, 33.437015, 44.721360, 59.813951, 80; then 80 * 1.1^(y-2030) = 88, 96.8, 106.48, 117.128, 128.8408.
    let expected = [
        25.0, 33.437015, 44.72136, 59.813951, 80.0, 88.0, 96.8, 106.48, 117.128, 128.8408,
    ];
    for (row, expected) in l.rows.iter().zip(expected) {
        assert_close!(row.revenue, expected, HAND);
    }
    // New terms: 5, 6.687403, 8.944272, 11.962790 -> C(2029) = 32.594465;
    //   2030: min(0.2 * 80 = 16, 38 - 32.594465 = 5.405535) = 5.405535 -> C = 38, cap year 2030.
    assert_close!(l.rows[3].cumulative_new, 32.594465, HAND);
    assert_close!(l.rows[4].share_new, 5.405535, HAND);
    assert_eq!(l.headline.cap_year, Some(2030));
    // Old: 0.2 * (25 + 33.437015 + 44.721360 + 59.813951 + 80) = 0.2 * 242.972326 = 48.594465.
    assert_close!(l.headline.total_old, 48.594465, HAND);
    // Savings 48.594465 - 38 = 10.594465; Microsoft -(0.73 * 10.594465) = -7.733960.
    assert_close!(l.headline.openai_savings, 10.594465, HAND);
    assert_close!(l.headline.microsoft_change, -7.73396, HAND);
    // 2026: N_new = -0.65 * 25 - 5 = -21.25; M_new = 5 + 0.27 * -21.25 = -0.7375.
    assert_close!(l.rows[0].microsoft_take_new, -0.7375, HAND);
}

#[test]
fn bull_by_hand() {
    let s = Scenario::default().with_preset(preset("bull").unwrap());
    let l = Ledger::compute(&s);
    // Revenue: 30 * (280/30)^((y-2026)/4), (9.333333)^(1/4) = 1.747870:
    //   30, 52.436108, 91.651514, 160.194956, 280; then 280 * 1.2^(y-2030) = 336, 403.2, 483.84, 580.608, 696.7296.
    let expected = [
        30.0, 52.436108, 91.651514, 160.194956, 280.0, 336.0, 403.2, 483.84, 580.608, 696.7296,
    ];
    for (row, expected) in l.rows.iter().zip(expected) {
        assert_close!(row.revenue, expected, HAND);
    }
    // New terms: 6, 10.487222, 18.330303 -> C(2028) = 34.817524;
    //   2029: min(0.2 * 160.194956 = 32.038991, 38 - 34.817524 = 3.182476) -> C = 38, cap year 2029.
    assert_close!(l.rows[2].cumulative_new, 34.817524, HAND);
    assert_close!(l.rows[3].share_new, 3.182476, HAND);
    assert_eq!(l.headline.cap_year, Some(2029));
    // Old: 0.2 * (30 + 52.436108 + 91.651514 + 160.194956 + 280) = 0.2 * 614.282578 = 122.856516.
    assert_close!(l.headline.total_old, 122.856516, HAND);
    // Savings 84.856516; Microsoft -(0.73 * 84.856516) = -61.945257.
    assert_close!(l.headline.openai_savings, 84.856516, HAND);
    assert_close!(l.headline.microsoft_change, -61.945257, HAND);
    // 2035: N_new = 0.35 * 696.7296 = 243.85536; M_new = 0.27 * 243.85536 = 65.840947.
    assert_close!(l.rows[9].microsoft_take_new, 65.840947, HAND);
}

#[test]
fn the_leak_implies_a_reverse_share_of_about_six_point_six_percent() {
    // (0.20 * 3.7 - 0.4938) / 3.7 = (0.74 - 0.4938) / 3.7 = 0.2462 / 3.7 = 0.066541.
    let (year, revenue_2024) = deal_model::ACTUAL_REVENUE[0];
    assert_eq!(year, 2024);
    let implied = (0.20 * revenue_2024 - 0.4938) / revenue_2024;
    assert_close!(implied, 0.066541, 1e-5);
    // With reverse = 6.5% the old terms net 13.5% of revenue: 2026 pays 0.135 * 30 = 4.05.
    let mut s = Scenario::default();
    s.set(InputKey::Reverse, 6.5);
    assert_close!(Ledger::compute(&s).rows[0].share_old, 4.05, HAND);
}
