//! How the numbers are made and where the facts come from, in the project's own words.
//! Static text: it changes when the model spec changes, not when the reader moves a slider.

use yew::prelude::*;

/// (fact, value, kind, source) from the model spec's facts table.
const FACTS: &[(&str, &str, &str, &str)] = &[
    (
        "OpenAI revenue 2024",
        "$3.7B",
        "reported",
        "NYT documents (Sep 2024); FT leak (Jun 2026)",
    ),
    (
        "OpenAI revenue 2025",
        "$13.07B",
        "reported",
        "FT leak (Jun 2026); Reuters (Feb 2026)",
    ),
    (
        "OpenAI revenue 2026",
        "about $30B planned; Q1 actual $5.7B",
        "plan",
        "press reports of internal plans (2026)",
    ),
    (
        "OpenAI revenue 2030",
        "$174B (Apr 2025 plan), $200B (Sep 2025), $280B+ (Feb 2026)",
        "projection",
        "The Information via press (2025, 2026)",
    ),
    (
        "Revenue share rate",
        "20% of OpenAI revenue",
        "reported, not confirmed",
        "many outlets",
    ),
    (
        "Revenue share end",
        "through 2030",
        "announced",
        "joint statement, Apr 2026",
    ),
    (
        "Cap on the revenue share",
        "$38B cumulative",
        "reported",
        "The Information (11 May 2026); not verified by Reuters",
    ),
    (
        "Old terms, expected total through 2030",
        "about $135B: the $38B cap plus about $97B of reported savings",
        "reported",
        "The Information via press (May 2026)",
    ),
    (
        "Microsoft's stake",
        "about 27% as-converted (about 25% diluted by mid-2026)",
        "filed",
        "Microsoft 10-Q (Oct 2025 recapitalisation)",
    ),
    (
        "Microsoft's reverse share, old terms",
        "about 20% of Azure OpenAI revenue, 10–20% of Bing",
        "reported",
        "The Verge via press (2025)",
    ),
    (
        "Net payments OpenAI to Microsoft, 2024",
        "$493.8M",
        "leaked",
        "press (Nov 2025)",
    ),
    (
        "Microsoft's quarter, put by analyses of the deal as “$7.5 billion in earnings from its OpenAI investment”",
        "+$7.6B net income, Oct–Dec 2025, mostly a one-time dilution gain",
        "filed",
        "Microsoft 10-Q",
    ),
    (
        "Microsoft's investment in OpenAI",
        "more than $13B since 2019",
        "reported",
        "many outlets",
    ),
    (
        "OpenAI cash flow plan 2026–2030",
        "−25, −57, −85, −51, +39 ($B)",
        "projection",
        "press (Feb 2026)",
    ),
    (
        "OpenAI valuation",
        "$852B post-money (Mar 2026)",
        "reported",
        "press",
    ),
];

#[component]
pub fn Methodology() -> Html {
    let facts = FACTS.iter().map(|(fact, value, kind, source)| {
        html! {
            <tr>
                <th scope="row">{ *fact }</th>
                <td>{ *value }</td>
                <td>{ *kind }</td>
                <td>{ *source }</td>
            </tr>
        }
    });
    html! {
        <details class="methodology panel" id="methodology">
            <summary><h2 class="section-heading">{ "Method and sources" }</h2></summary>
            <h3>{ "What changed in April 2026" }</h3>
            <p>
                { "On 27 April 2026 OpenAI and Microsoft amended their partnership. Microsoft's exclusive \
                   right to distribute OpenAI's models ends, its licence to OpenAI's IP runs to 2032 without \
                   exclusivity, and the AGI clause is gone. Microsoft stops paying its own revenue share to \
                   OpenAI but keeps its stake of roughly 27% in OpenAI's for-profit company. OpenAI keeps \
                   paying Microsoft 20% of its revenue through 2030, now under a total cap." }
            </p>
            <h3>{ "How the explorer computes" }</h3>
            <p>
                { "Revenue grows at a steady rate from the 2026 figure to the 2030 figure, then at the growth \
                   rate you choose. Each year OpenAI pays the revenue share until the payments add up to the \
                   cap or the last year of payments passes, whichever comes first. Under the old terms the \
                   share runs uncapped to its end year, less any share Microsoft paid back. OpenAI's operating \
                   margin moves in a straight line from its 2026 value to the long-run margin, and net income \
                   is that margin's profit less the payment. Microsoft's economic take is the payment plus its \
                   stake's part of OpenAI's net income; the other owners take the rest." }
            </p>
            <p>
                { "One consequence: each dollar the cap saves OpenAI costs Microsoft less than a dollar, \
                   because Microsoft owns its stake's part of the savings: about 73 cents at the reported \
                   27% stake." }
            </p>
            <h3>{ "Reported, assumed, unknown" }</h3>
            <p>
                { "Each fact below carries its kind (filed, reported, plan, projection, leaked, announced) \
                   and its source. The rate and the cap are reported but not confirmed. Not public at all: \
                   what revenue the 20% applies to (the “Share of revenue the share applies to” slider, 100% \
                   by default), whether payments before 2026 count toward the cap, whether revenue \
                   distributed through AWS is shared, and when payments under the old terms would have ended \
                   (the AGI clause governed exclusivity, and when payments would have stopped is not known; the \
                   default end year is 2030, as for the new terms). The margins and growth after 2030 are assumptions; every one of them \
                   is a slider, so you can test how much it matters." }
            </p>
            <p>
                { "The reported old-terms total of about $135B is gross: it leaves out what Microsoft paid \
                   back, and it is the $38B cap plus about $97B of reported savings. The explorer's defaults do \
                   not reproduce it: they give $96B (20% of $480B of revenue over 2026–2030). On this revenue \
                   path, 2030 revenue of about $317B would be needed to reach $135B. The leaked 2024 net \
                   payment of $493.8M against a 20% share of $3.7B implies a reverse share of about 6.7% of \
                   OpenAI's revenue (6.5% on the slider's steps); the default is 0, so that old-terms totals \
                   are gross, as the reported figure is." }
            </p>
            <h3>{ "Growth uncertainty" }</h3>
            <p>
                { "With uncertainty on, 10,000 random revenue paths spread around the path you set. 2026 \
                   stays at its plan on every path; each later year's growth varies at random, with no \
                   drift, so the middle path (the median) is your path and the bands show where 8 in 10 \
                   paths lie, under both terms. The average path lies above the median: about 20% above it \
                   by 2035 at 20% uncertainty. The readouts set the spread of what OpenAI pays in total \
                   under the new terms, which the cap bounds, against the old terms, which grow with \
                   revenue: what Microsoft traded for certainty." }
            </p>
            <h3>{ "“$7.5 billion in earnings” and the filed $7.6B" }</h3>
            <p>
                { "Analyses of the deal speak of $7.5 billion in earnings from Microsoft's OpenAI \
                   investment last quarter. What Microsoft filed (10-Q, October to December 2025) is $7.6B \
                   of net income from the investment, most of it a one-time gain on dilution from OpenAI's \
                   recapitalisation: an accounting entry, not recurring earnings and not cash OpenAI paid. \
                   It says nothing about the yearly payments this explorer models." }
            </p>
            <p class="site-page-link">
                { "The whole model, its equations and every input are described in " }
                <a href="model.html" data-model-link="">{ "How the explorer models the deal" }</a>
                { "." }
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="facts-caption">
                <table class="facts">
                    <caption id="facts-caption">{ "Facts and where they come from" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Fact" }</th>
                            <th scope="col">{ "Value" }</th>
                            <th scope="col">{ "Kind" }</th>
                            <th scope="col">{ "Source" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for facts }</tbody>
                </table>
            </div>
        </details>
    }
}
