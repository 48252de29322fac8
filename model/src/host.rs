//! The messages between the explorer in an iframe and the page that embeds it (the host page,
//! usually with `embed.js`), as typed values. The browser glue (`src/services/host.rs` and
//! `assets/embed.js`) only moves their fields in and out of plain objects; what a message may
//! hold, and what it means, is decided here, where native tests hold it.
//!
//! From the explorer to its host: [`HEIGHT`] (its content's height) and [`SCENARIO`] (a
//! [`ScenarioReport`], once at start and after each settled change). From the host: [`THEME`]
//! and [`SCENARIO_REQUEST`] (a [`ScenarioRequest`]). The README's "Host protocol" lists them.

use crate::ledger::Ledger;
use crate::query::encode_query;
use crate::scenario::Scenario;
use crate::view::{parse_page, Page, ThemeChoice};

/// `{type, height}`: the explorer's content height in CSS pixels.
pub const HEIGHT: &str = "deal-explorer:height";
/// `{type, theme}`: `"light"`, `"dark"` or `"auto"`, from the host.
pub const THEME: &str = "deal-explorer:theme";
/// `{type, query}`: a scenario for the explorer to show, from the host.
pub const SCENARIO_REQUEST: &str = "deal-explorer:scenario-request";
/// `{type, query, cap_year, total_new, total_old, microsoft_change}`: the scenario shown and
/// its headline figures, to the host.
pub const SCENARIO: &str = "deal-explorer:scenario";

/// The longest query a request may carry, in bytes. The longest page a reader can make (every
/// input away from its default and three pins with long, escaped names) is about 1.2 KB;
/// anything longer than this is not a scenario link and is ignored, not read.
pub const MAX_QUERY: usize = 4096;

/// A message from the host page that the explorer acts on.
#[derive(Clone, Debug, PartialEq)]
pub enum HostMessage {
    Theme(ThemeChoice),
    Scenario(ScenarioRequest),
}

impl HostMessage {
    /// The message whose string fields `field` gives (`None` for a field that is missing or
    /// not a string), or `None` when it is not one of ours or is malformed: an unknown `type`,
    /// a theme that is not one, a query that is not a string or longer than [`MAX_QUERY`].
    pub fn read(field: impl Fn(&str) -> Option<String>) -> Option<HostMessage> {
        match field("type")?.as_str() {
            THEME => field("theme")
                .as_deref()
                .and_then(ThemeChoice::parse)
                .map(HostMessage::Theme),
            SCENARIO_REQUEST => field("query")
                .and_then(ScenarioRequest::new)
                .map(HostMessage::Scenario),
            _ => None,
        }
    }
}

/// A scenario the host asks the explorer to show, as the query of a link to it
/// (`r30=280&cap=50`, with or without `?`, `v=1` or pins). It is read exactly as that link
/// would be, by [`parse_page`]: the same clamping, defaults and notices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioRequest {
    query: String,
}

impl ScenarioRequest {
    /// `None` for a query longer than [`MAX_QUERY`]; any other text is a request, however
    /// garbled, and reading it says what was wrong with it.
    pub fn new(query: String) -> Option<ScenarioRequest> {
        (query.len() <= MAX_QUERY).then_some(ScenarioRequest { query })
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The page the query describes, as a link with it would open.
    pub fn page(&self) -> Page {
        parse_page(&self.query)
    }
}

/// What the explorer tells its host about the scenario it shows: the scenario as a query
/// (the inputs that differ from the defaults, as in a link; a [`ScenarioRequest`] with it
/// shows the same scenario) and its headline figures, in $B, from [`Ledger::compute`].
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioReport {
    pub query: String,
    /// The year cumulative payments under the new terms reach the cap; `None` when they
    /// never do by 2035.
    pub cap_year: Option<i32>,
    /// What OpenAI pays Microsoft in all under the new terms.
    pub total_new: f64,
    /// What OpenAI pays net in all under the old terms; what the new terms save OpenAI is
    /// `total_old - total_new`.
    pub total_old: f64,
    /// Microsoft's gain over 2026-2035 from the new terms, its stake counted (negative: loss).
    pub microsoft_change: f64,
}

impl ScenarioReport {
    /// The report of `scenario`, whose ledger is `ledger`.
    pub fn new(scenario: &Scenario, ledger: &Ledger) -> ScenarioReport {
        let headline = &ledger.headline;
        ScenarioReport {
            query: encode_query(scenario),
            cap_year: headline.cap_year,
            total_new: headline.total_new,
            total_old: headline.total_old,
            microsoft_change: headline.microsoft_change,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputKey;

    /// A message given as `(field, string value)` pairs; any other field is absent.
    fn read(fields: &[(&str, &str)]) -> Option<HostMessage> {
        HostMessage::read(|name| {
            fields
                .iter()
                .find(|(field, _)| *field == name)
                .map(|(_, value)| value.to_string())
        })
    }

    fn report_of(s: &Scenario) -> ScenarioReport {
        ScenarioReport::new(s, &Ledger::compute(s))
    }

    fn request(query: &str) -> HostMessage {
        HostMessage::Scenario(ScenarioRequest::new(query.to_string()).expect("short"))
    }

    #[test]
    fn reads_a_theme_and_a_scenario_request() {
        assert_eq!(
            read(&[("type", THEME), ("theme", " Dark ")]),
            Some(HostMessage::Theme(ThemeChoice::Dark))
        );
        assert_eq!(
            read(&[("type", SCENARIO_REQUEST), ("query", "r30=280&cap=50")]),
            Some(request("r30=280&cap=50"))
        );
        assert_eq!(
            read(&[("type", SCENARIO_REQUEST), ("query", "")]),
            Some(request("")),
            "an empty query is the defaults, as a plain link is"
        );
    }

    #[test]
    fn ignores_messages_that_are_not_ours_or_are_malformed() {
        for fields in [
            &[][..],
            &[("theme", "dark")],
            &[("type", "deal-explorer:themes"), ("theme", "dark")],
            &[("type", THEME)],
            &[("type", THEME), ("theme", "sepia")],
            &[("type", SCENARIO_REQUEST)],
            &[
                ("type", "DEAL-EXPLORER:SCENARIO-REQUEST"),
                ("query", "cap=50"),
            ],
            &[("type", SCENARIO), ("query", "cap=50")],
            &[("type", HEIGHT), ("query", "cap=50")],
            &[("message", "ready"), ("secret", "abc")],
        ] {
            assert_eq!(read(fields), None, "{fields:?}");
        }
    }

    #[test]
    fn a_query_longer_than_the_limit_is_ignored_and_one_at_it_is_read() {
        let at = "r30=280&".repeat(MAX_QUERY / 8);
        assert_eq!(at.len(), MAX_QUERY);
        assert!(ScenarioRequest::new(at.clone()).is_some());
        assert_eq!(ScenarioRequest::new(format!("{at}x")), None);
        assert_eq!(
            read(&[("type", SCENARIO_REQUEST), ("query", &format!("{at}x"))]),
            None
        );
    }

    #[test]
    fn the_longest_page_a_reader_can_make_fits_in_a_request() {
        let mut s = Scenario::default();
        for input in crate::INPUTS {
            // The longest value of each input: its minimum, signed, or its maximum.
            let longest = [input.min + input.step, input.max - input.step]
                .into_iter()
                .max_by_key(|v| v.to_string().len())
                .expect("two");
            s.set(input.key, longest);
        }
        let name: String = "&é<".repeat(crate::pins::NAME_LIMIT / 3 + 1);
        let pins: Vec<_> = (0..crate::MAX_PINS)
            .map(|i| crate::Pin::new(&name, s, i))
            .collect();
        let view = crate::View {
            embed: true,
            theme: ThemeChoice::Dark,
            chart: Some(crate::ChartChoice::Traded),
        };
        let query = crate::page_query(&s, &pins, &view);
        assert!(query.len() <= MAX_QUERY / 2, "{} bytes", query.len());
        let page = ScenarioRequest::new(query).expect("fits").page();
        assert_eq!((page.scenario, page.pins.len()), (s, crate::MAX_PINS));
    }

    #[test]
    fn a_request_is_read_exactly_as_a_link_with_its_query() {
        for query in [
            "r30=280&cap=50",
            "?v=1&r30=280&cap=50&chart=cap",
            "cap=-5&r30=1e308&rate=abc&year=",
            "r30=999999999999999999999&g=-1000&seed=-1",
            "utm_source=x&%FF%FE=%00&&&=&==",
            "cap=50&pin=1~r30:280~Bull&pin=garbage&theme=sepia&v=7",
            "\u{0}\u{202e}<script>alert(1)</script>",
        ] {
            let page = ScenarioRequest::new(query.to_string())
                .expect("short")
                .page();
            assert_eq!(page, parse_page(query), "{query}");
        }
        let page = ScenarioRequest::new("cap=-5&r30=1e308".into())
            .expect("short")
            .page();
        assert_eq!((page.scenario.cap, page.scenario.r30), (0.0, 600.0));
        let notices: Vec<_> = page.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            notices,
            [
                "cap=-5 is below the minimum; using $0B.",
                "r30=1e308 is above the maximum; using $600B."
            ]
        );
    }

    #[test]
    fn a_report_carries_the_scenario_as_a_query_and_its_headline() {
        let mut s = Scenario::default();
        s.set(InputKey::R30, 280.0);
        s.set(InputKey::Cap, 50.0);
        let report = report_of(&s);
        let headline = Ledger::compute(&s).headline;
        assert_eq!(report.query, "r30=280&cap=50");
        assert_eq!(report.cap_year, headline.cap_year);
        assert_eq!(
            [report.total_new, report.total_old, report.microsoft_change],
            [
                headline.total_new,
                headline.total_old,
                headline.microsoft_change
            ]
        );
        assert_eq!(
            report.total_old - report.total_new,
            headline.openai_savings,
            "the savings follow from the totals"
        );
        // Its query, sent back as a request, shows the same scenario.
        let page = ScenarioRequest::new(report.query.clone())
            .expect("short")
            .page();
        assert_eq!((page.scenario, page.notices), (s, vec![]));
        assert_eq!(report_of(&Scenario::default()).query, "");
    }

    #[test]
    fn a_report_says_when_the_cap_is_never_reached() {
        let mut s = Scenario::default();
        s.set(InputKey::Cap, 200.0);
        s.set(InputKey::R30, 20.0);
        assert_eq!(report_of(&s).cap_year, None);
        assert!(report_of(&Scenario::default()).cap_year.is_some());
    }
}
