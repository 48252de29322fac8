//! How the page is shown, as opposed to what it computes: embedded or not, which theme, and
//! which model version a link was made for. Read from and written to the same query string as
//! the scenario, so one link carries both.

use crate::pins::{encode_pins, Pin, PinReader, PIN_KEY};
use crate::query::{echo, encode_query, pairs, Notice, ScenarioReader};
use crate::scenario::Scenario;

/// The version of the model equations a link is read with (`v=` in the query). Bump it when
/// the equations change what an existing link means.
pub const MODEL_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    /// Follow the reader's system (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn parse(text: &str) -> Option<ThemeChoice> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(ThemeChoice::Auto),
            "light" => Some(ThemeChoice::Light),
            "dark" => Some(ThemeChoice::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }
}

/// The key of the chart a link asks for (`chart=cap`).
pub const CHART_KEY: &str = "chart";

/// One of the page's charts, by the slug a link names it with (`chart=traded`): the chart an
/// embed or a link asks to be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartChoice {
    /// OpenAI's revenue and what it pays under each terms, year by year.
    Revenue,
    /// Cumulative payments against the cap.
    Cap,
    /// Microsoft's take, year by year.
    Take,
    /// What Microsoft traded: totals 2026-2035 across OpenAI's 2030 revenue.
    Traded,
}

impl ChartChoice {
    /// Every chart, in the page's order.
    pub const ALL: [ChartChoice; 4] = [
        ChartChoice::Revenue,
        ChartChoice::Cap,
        ChartChoice::Take,
        ChartChoice::Traded,
    ];

    /// Its name in links: `revenue`, `cap`, `take`, `traded`.
    pub fn slug(self) -> &'static str {
        match self {
            ChartChoice::Revenue => "revenue",
            ChartChoice::Cap => "cap",
            ChartChoice::Take => "take",
            ChartChoice::Traded => "traded",
        }
    }

    /// The chart a slug names, read as leniently as the theme (surrounding space, any case);
    /// `None` for anything else.
    pub fn from_slug(text: &str) -> Option<ChartChoice> {
        let text = text.trim();
        ChartChoice::ALL
            .into_iter()
            .find(|chart| chart.slug().eq_ignore_ascii_case(text))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// The compact view for a blog column (`embed=1`).
    pub embed: bool,
    pub theme: ThemeChoice,
    /// The one chart a link asks for (`chart=cap`); `None` for the page's usual charts.
    pub chart: Option<ChartChoice>,
}

/// A whole page address's query: the scenario, the pinned scenarios beside it, how to show
/// them, and what the reader should be told about anything that was not taken as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub scenario: Scenario,
    pub pins: Vec<Pin>,
    pub view: View,
    pub notices: Vec<Notice>,
}

/// Reads a page's query leniently, in one pass over its pairs; never panics, whatever the
/// string. Notices come scenario first, then pins, then the view, each in the link's order.
pub fn parse_page(query: &str) -> Page {
    let mut scenario = ScenarioReader::default();
    let mut pins = PinReader::default();
    let mut view = View::default();
    let mut view_notices = Vec::new();
    for (key, value) in pairs(query) {
        match key.as_ref() {
            PIN_KEY => pins.read(&value),
            "embed" => view.embed = matches!(value.as_ref(), "1" | "true" | "yes"),
            "theme" => match ThemeChoice::parse(&value) {
                Some(theme) => view.theme = theme,
                None => view_notices.push(Notice {
                    key: "theme".into(),
                    message: format!(
                        "theme={} is not light, dark or auto; following your system.",
                        echo(&value)
                    ),
                }),
            },
            CHART_KEY => match ChartChoice::from_slug(&value) {
                Some(chart) => view.chart = Some(chart),
                None => {
                    view.chart = None;
                    view_notices.push(Notice {
                        key: CHART_KEY.into(),
                        message: format!(
                            "chart={} is not one of revenue, cap, take or traded; showing the revenue chart first.",
                            echo(&value)
                        ),
                    });
                }
            },
            "v" => {
                if value.trim() != MODEL_VERSION.to_string() {
                    view_notices.push(Notice {
                        key: "v".into(),
                        message: format!(
                            "This link was made for model version {}; it is read with version {MODEL_VERSION}.",
                            echo(&value)
                        ),
                    });
                }
            }
            _ => scenario.read(&key, &value),
        }
    }
    let mut notices = scenario.notices;
    notices.extend(pins.notices);
    notices.extend(view_notices);
    Page {
        scenario: scenario.scenario,
        pins: pins.pins,
        view,
        notices,
    }
}

/// The query for a page: `v` first, then the scenario's non-default values, the pins, then the
/// view (`embed`, `chart`, `theme`). A page at the defaults, without pins, with the default view has an empty query, so a
/// plain link stays plain.
pub fn page_query(scenario: &Scenario, pins: &[Pin], view: &View) -> String {
    let mut parts = Vec::new();
    let values = encode_query(scenario);
    if !values.is_empty() {
        parts.push(values);
    }
    parts.extend(encode_pins(pins));
    if view.embed {
        parts.push("embed=1".to_string());
    }
    if let Some(chart) = view.chart {
        parts.push(format!("{CHART_KEY}={}", chart.slug()));
    }
    if view.theme != ThemeChoice::Auto {
        parts.push(format!("theme={}", view.theme.as_str()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("v={MODEL_VERSION}&{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputKey;

    #[test]
    fn a_plain_page_has_an_empty_query_and_anything_else_carries_the_version() {
        assert_eq!(page_query(&Scenario::default(), &[], &View::default()), "");
        let mut s = Scenario::default();
        s.set(InputKey::Cap, 50.0);
        let view = View {
            embed: true,
            theme: ThemeChoice::Dark,
            chart: None,
        };
        assert_eq!(page_query(&s, &[], &view), "v=1&cap=50&embed=1&theme=dark");
        assert_eq!(
            page_query(&Scenario::default(), &[], &view),
            "v=1&embed=1&theme=dark"
        );
        let chart = View {
            chart: Some(ChartChoice::Traded),
            ..view
        };
        assert_eq!(
            page_query(&s, &[], &chart),
            "v=1&cap=50&embed=1&chart=traded&theme=dark"
        );
        let only_chart = View {
            chart: Some(ChartChoice::Cap),
            ..View::default()
        };
        assert_eq!(
            page_query(&Scenario::default(), &[], &only_chart),
            "v=1&chart=cap"
        );
    }

    #[test]
    fn a_page_query_reads_back_as_the_same_page() {
        let mut s = Scenario::default();
        s.set(InputKey::R30, 280.0);
        s.set(InputKey::G, -5.0);
        let mut pinned = Scenario::default();
        pinned.set(InputKey::Cap, 60.0);
        let pins = [
            Pin::new("Pin 1", Scenario::default(), 0),
            Pin::new("Cap & more", pinned, 1),
        ];
        let charts = std::iter::once(None).chain(ChartChoice::ALL.map(Some));
        for chart in charts {
            for theme in [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark] {
                for embed in [false, true] {
                    let view = View {
                        embed,
                        theme,
                        chart,
                    };
                    let page = parse_page(&format!("?{}", page_query(&s, &pins, &view)));
                    assert_eq!(
                        (page.scenario, &page.pins[..], page.view),
                        (s, &pins[..], view)
                    );
                    assert!(page.notices.is_empty(), "{:?}", page.notices);
                }
            }
        }
    }

    #[test]
    fn pins_go_between_the_scenario_and_the_view_and_make_a_plain_page_versioned() {
        let mut pinned = Scenario::default();
        pinned.set(InputKey::R30, 280.0);
        let pins = [Pin::new("Bull", pinned, 0)];
        let view = View {
            embed: true,
            theme: ThemeChoice::Auto,
            chart: None,
        };
        let mut s = Scenario::default();
        s.set(InputKey::Cap, 50.0);
        assert_eq!(
            page_query(&s, &pins, &view),
            "v=1&cap=50&pin=1~r30:280~Bull&embed=1"
        );
        assert_eq!(
            page_query(&Scenario::default(), &pins, &View::default()),
            "v=1&pin=1~r30:280~Bull"
        );
        let page = parse_page("pin=1~r30:280~Bull&pin=9");
        assert_eq!(page.pins, pins);
        assert_eq!(page.scenario, Scenario::default());
        assert_eq!(
            page.notices.len(),
            1,
            "the unreadable pin, not an unknown key: {:?}",
            page.notices
        );
    }

    #[test]
    fn bad_view_values_fall_back_with_a_notice() {
        let page = parse_page("theme=purple&v=7&embed=0");
        assert_eq!(page.view, View::default());
        let messages: Vec<&str> = page.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "theme=purple is not light, dark or auto; following your system.",
                "This link was made for model version 7; it is read with version 1."
            ]
        );
    }

    #[test]
    fn every_chart_has_its_slug_and_reads_back_from_it() {
        let slugs: Vec<&str> = ChartChoice::ALL.iter().map(|c| c.slug()).collect();
        assert_eq!(slugs, ["revenue", "cap", "take", "traded"]);
        for chart in ChartChoice::ALL {
            assert_eq!(ChartChoice::from_slug(chart.slug()), Some(chart));
            let page = parse_page(&format!("chart={}", chart.slug()));
            assert_eq!(page.view.chart, Some(chart));
            assert!(page.notices.is_empty(), "{:?}", page.notices);
        }
        // Read as leniently as the theme.
        assert_eq!(
            parse_page("chart=%20Take%20").view.chart,
            Some(ChartChoice::Take)
        );
        assert_eq!(parse_page("chart=CAP").view.chart, Some(ChartChoice::Cap));
    }

    #[test]
    fn a_chart_that_is_not_one_of_the_four_is_dropped_with_a_notice() {
        for (query, shown) in [
            ("chart=xyz", "xyz"),
            ("chart=", ""),
            ("chart=caps", "caps"),
            ("chart=cap%26take", "cap&take"),
        ] {
            let page = parse_page(query);
            assert_eq!(page.view, View::default(), "{query}");
            let messages: Vec<&str> = page.notices.iter().map(|n| n.message.as_str()).collect();
            assert_eq!(
                messages,
                [format!(
                    "chart={shown} is not one of revenue, cap, take or traded; showing the revenue chart first."
                )],
                "{query}"
            );
            assert_eq!(page.notices[0].key, "chart");
        }
        // A long value is quoted cut short, like any other.
        let long = "x".repeat(100);
        let page = parse_page(&format!("chart={long}"));
        assert!(page.notices[0]
            .message
            .starts_with(&format!("chart={}…", "x".repeat(40))));
        // The last one wins, as for every other key.
        assert_eq!(
            parse_page("chart=cap&chart=take").view.chart,
            Some(ChartChoice::Take)
        );
        let page = parse_page("chart=cap&chart=bogus");
        assert_eq!(page.view.chart, None);
        assert_eq!(page.notices.len(), 1, "{:?}", page.notices);
        // A chart is not a setting of the scenario: no notice of an unknown key.
        let page = parse_page("r30=280&chart=revenue");
        assert!(page.notices.is_empty(), "{:?}", page.notices);
        assert_eq!(page.scenario.r30, 280.0);
    }

    #[test]
    fn scenario_notices_and_view_notices_come_together() {
        let page = parse_page("?cap=900&theme=DARK&bogus=1");
        assert_eq!(page.view.theme, ThemeChoice::Dark);
        assert_eq!(page.scenario.cap, 200.0);
        assert_eq!(page.notices.len(), 2, "{:?}", page.notices);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::inputs::INPUTS;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The page's one pass reads what the scenario and pin codecs read on their own.
        #[test]
        fn one_pass_reads_as_the_separate_codecs(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["r30", "cap", "covered", "pin", "theme", "v", "embed", "chart", "x"]),
                    "[0-9a-z~:,.%-]{0,12}",
                ),
                0..8,
            )
        ) {
            let query: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let query = query.join("&");
            let page = parse_page(&query);
            let (scenario, mut notices) = crate::query::parse_query(&query);
            let (pins, pin_notices) = crate::pins::parse_pins(&query);
            notices.extend(pin_notices);
            prop_assert_eq!(page.scenario, scenario);
            prop_assert_eq!(page.pins, pins);
            prop_assert_eq!(&page.notices[..notices.len()], &notices[..]);
        }

        /// Links are typed, pasted and truncated: whatever arrives reads as an in-range page.
        #[test]
        fn any_query_reads_as_an_in_range_page(query in "\\PC{0,200}") {
            let page = parse_page(&query);
            for input in INPUTS {
                let value = page.scenario.get(input.key);
                prop_assert!(value >= input.min && value <= input.max, "{}={}", input.key, value);
            }
        }

        #[test]
        fn queries_built_from_keys_and_junk_read_as_in_range_pages(
            pairs in proptest::collection::vec(("(r26|r30|g|cap|year|theme|embed|chart|v|x)", "[-0-9.eE%$a-z]{0,12}"), 0..8)
        ) {
            let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let page = parse_page(&query.join("&"));
            prop_assert_eq!(page.scenario, page.scenario.clamped());
        }

        /// The chart is the last `chart` value's, and each value that names no chart leaves
        /// one notice; whatever was read writes back as a query that reads as the same page.
        #[test]
        fn charts_read_from_junk_and_write_back_as_the_same_page(
            pairs in proptest::collection::vec(
                (
                    "(chart|chart|cap|embed|theme)",
                    "(revenue|cap|take|traded|TAKE| cap|[a-z%&=~ ]{0,10})",
                ),
                0..8,
            )
        ) {
            let query: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{k}={}", v.replace('&', "%26").replace('=', "%3D")))
                .collect();
            let page = parse_page(&query.join("&"));
            let charts: Vec<&str> = pairs
                .iter()
                .filter(|(k, _)| k == CHART_KEY)
                .map(|(_, v)| v.as_str())
                .collect();
            let expected = charts.last().and_then(|slug| ChartChoice::from_slug(slug));
            prop_assert_eq!(page.view.chart, expected);
            let unread = charts.iter().filter(|slug| ChartChoice::from_slug(slug).is_none()).count();
            let chart_notices = page.notices.iter().filter(|n| n.key == CHART_KEY).count();
            prop_assert_eq!(chart_notices, unread);

            let again = parse_page(&page_query(&page.scenario, &page.pins, &page.view));
            prop_assert_eq!(again.scenario, page.scenario);
            prop_assert_eq!(again.view, page.view);
            prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
        }
    }
}
