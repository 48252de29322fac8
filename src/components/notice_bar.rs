//! What the reader should know about how their link was read: each setting that was ignored,
//! clamped or replaced by a default, named, until they dismiss it.

use deal_model::Notice;
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct NoticeBarProps {
    pub notices: Vec<Notice>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    if props.notices.is_empty() {
        return Html::default();
    }
    let on_dismiss = props.on_dismiss.clone();
    html! {
        <div class="notice-bar" role="status" aria-labelledby="notice-heading">
            <p id="notice-heading" class="notice-heading">{ "Some settings in this link were adjusted:" }</p>
            <ul>
                { for props.notices.iter().map(|notice| html! { <li data-notice={notice.key.clone()}>{ &notice.message }</li> }) }
            </ul>
            <button type="button" class="notice-dismiss" onclick={move |_| on_dismiss.emit(())}>{ "Dismiss" }</button>
        </div>
    }
}
