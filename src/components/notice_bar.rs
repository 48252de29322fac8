//! What the reader should know about how their link was read: each setting that was ignored,
//! clamped or replaced by a default, named, until they dismiss it.

use deal_model::Notice;
use yew::prelude::*;

/// The bar, or nothing when there is nothing to say. A plain function rather than a component:
/// it has no state of its own, and a component would cost the wasm its lifecycle code.
pub fn notice_bar(notices: &[Notice], on_dismiss: &Callback<()>) -> Html {
    if notices.is_empty() {
        return Html::default();
    }
    let on_dismiss = on_dismiss.clone();
    html! {
        <div class="notice-bar" role="status" aria-labelledby="notice-heading">
            <p id="notice-heading" class="notice-heading">{ "Some settings in this link were adjusted:" }</p>
            <ul>
                { for notices.iter().map(|notice| html! { <li data-notice={notice.key.clone()}>{ &notice.message }</li> }) }
            </ul>
            <button type="button" class="notice-dismiss" onclick={move |_| on_dismiss.emit(())}>{ "Dismiss" }</button>
        </div>
    }
}
