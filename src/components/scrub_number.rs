//! A number in running text that the reader drags sideways or steps with the keys, in the
//! manner of Bret Victor's Tangle: an inline ARIA slider over one input of the model's table.
//!
//! **Keys.** ArrowRight/ArrowUp one step up, ArrowLeft/ArrowDown one step down; with Shift, or
//! PageUp/PageDown, ten steps; Home and End the ends of the range. Every key press is settled
//! (`on_commit`), even at an end where the value stays, so the reducer ends any gesture.
//!
//! **Pointer** (mouse, pen and touch, all through Pointer Events). Pressing captures the
//! pointer; each move sets the value from where the press started, `round(dx / px_per_step)`
//! steps, clamped by [`InputSpec::clamp`], and reports it through `on_change` when it differs
//! from the last one reported; release or cancel settles the last value through `on_commit`.
//! The scale ([`px_per_step`]): 200 CSS px span the whole range, but a step is never less than
//! one CSS px, so a range of more than 200 steps (the random seed) moves one step a pixel
//! rather than jumping over values. A year (9 steps) moves every 22 px, `r30` (116 steps)
//! every 1.7 px, `cap` (200 steps) every pixel.
//!
//! **Styling hooks** (the stylesheet owns the looks): class `scrub-number` always (the dotted
//! underline, `touch-action: none`, `cursor: ew-resize`), `is-dragging` added while a pointer
//! drags it (`user-select: none`), and `data-key` with the input's name. Text selection is also
//! kept from starting by cancelling the press's default action; the element takes focus
//! itself, so keys work after a drag.

use std::rc::Rc;

use deal_model::float_text::shortest;
use deal_model::InputSpec;
use web_sys::{Element, HtmlElement, KeyboardEvent, PointerEvent};
use yew::prelude::*;

/// Dragging this many CSS px covers the whole range of an input of up to as many steps.
pub const RANGE_PX: f64 = 200.0;

/// The fewest CSS px per step, so a wide range never skips values under the pointer.
pub const MIN_PX_PER_STEP: f64 = 1.0;

/// Steps that Shift+arrow, PageUp and PageDown move.
pub const BIG_STEP: f64 = 10.0;

#[derive(Properties, Clone, PartialEq)]
pub struct ScrubNumberProps {
    pub spec: &'static InputSpec,
    pub value: f64,
    /// A value on the way: the number is being dragged.
    pub on_change: Callback<f64>,
    /// A value the reader settled on: a key press, or where a drag was released.
    pub on_commit: Callback<f64>,
}

/// How many CSS px of horizontal movement make one step of `spec`: see the module's rule.
pub fn px_per_step(spec: &InputSpec) -> f64 {
    let steps = ((spec.max - spec.min) / spec.step).round();
    if steps.is_finite() && steps > 0.0 {
        (RANGE_PX / steps).max(MIN_PX_PER_STEP)
    } else {
        MIN_PX_PER_STEP
    }
}

/// The value a key press moves `value` to, clamped; `None` for a key the number ignores.
pub fn key_value(spec: &InputSpec, value: f64, key: &str, shift: bool) -> Option<f64> {
    let steps = if shift { BIG_STEP } else { 1.0 };
    let moved = match key {
        "ArrowRight" | "ArrowUp" => value + steps * spec.step,
        "ArrowLeft" | "ArrowDown" => value - steps * spec.step,
        "PageUp" => value + BIG_STEP * spec.step,
        "PageDown" => value - BIG_STEP * spec.step,
        "Home" => spec.min,
        "End" => spec.max,
        _ => return None,
    };
    Some(spec.clamp(moved))
}

/// The value a drag that started at `start` reaches after `dx` CSS px to the right (negative:
/// to the left), clamped.
pub fn drag_value(spec: &InputSpec, start: f64, dx: f64) -> f64 {
    let steps = (dx / px_per_step(spec)).round();
    spec.clamp(start + steps * spec.step)
}

/// A drag under way.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    pointer: i32,
    start_x: f64,
    start_value: f64,
    /// The last value reported, which the release settles.
    last: f64,
}

#[component]
pub fn ScrubNumber(props: &ScrubNumberProps) -> Html {
    let ScrubNumberProps {
        spec,
        value,
        on_change,
        on_commit,
    } = props.clone();
    // The drag lives outside the render state: moves must not wait for a render to see it.
    let drag = use_mut_ref(|| None::<Drag>);
    // Only for the `is-dragging` class.
    let dragging = use_state_eq(|| false);
    // The number itself: under Yew's event delegation an event's current target is the
    // app's root, not the element whose listener runs.
    let node = use_node_ref();

    let on_keydown = {
        let on_commit = on_commit.clone();
        let drag = Rc::clone(&drag);
        Callback::from(move |event: KeyboardEvent| {
            if drag.borrow().is_some() {
                return;
            }
            if let Some(next) = key_value(spec, value, &event.key(), event.shift_key()) {
                event.prevent_default();
                on_commit.emit(next);
            }
        })
    };

    let on_pointerdown = {
        let drag = Rc::clone(&drag);
        let dragging = dragging.clone();
        let node = node.clone();
        Callback::from(move |event: PointerEvent| {
            // The main button of a mouse, any pen or finger; a second finger is not a drag.
            if !event.is_primary() || event.button() != 0 || drag.borrow().is_some() {
                return;
            }
            // No text selection, no compatibility mouse events; focus by hand instead.
            event.prevent_default();
            if let Some(element) = node.cast::<HtmlElement>() {
                element.focus().ok();
                // Fails for a pointer the browser does not know (a synthetic event): the drag
                // still works while the pointer stays over the number.
                element.set_pointer_capture(event.pointer_id()).ok();
            }
            *drag.borrow_mut() = Some(Drag {
                pointer: event.pointer_id(),
                start_x: f64::from(event.client_x()),
                start_value: value,
                last: value,
            });
            dragging.set(true);
        })
    };

    let on_pointermove = {
        let drag = Rc::clone(&drag);
        Callback::from(move |event: PointerEvent| {
            let next = {
                let mut current = drag.borrow_mut();
                let Some(d) = current.as_mut().filter(|d| d.pointer == event.pointer_id()) else {
                    return;
                };
                event.prevent_default();
                let next = drag_value(spec, d.start_value, f64::from(event.client_x()) - d.start_x);
                if next == d.last {
                    return;
                }
                d.last = next;
                next
            };
            // Emitted with the borrow released: the parent may render at once.
            on_change.emit(next);
        })
    };

    // Release and cancel both settle the last value; a capture lost otherwise (the element
    // left the page, the browser took the gesture) ends the drag the same way.
    let on_release = {
        let drag = Rc::clone(&drag);
        let dragging = dragging.clone();
        let node = node.clone();
        Callback::from(move |event: PointerEvent| {
            let ended = {
                let mut current = drag.borrow_mut();
                match *current {
                    Some(d) if d.pointer == event.pointer_id() => current.take(),
                    _ => None,
                }
            };
            let Some(d) = ended else {
                return;
            };
            if let Some(element) = node.cast::<Element>() {
                if element.has_pointer_capture(d.pointer) {
                    element.release_pointer_capture(d.pointer).ok();
                }
            }
            dragging.set(false);
            on_commit.emit(d.last);
        })
    };

    let text = spec.format_value(value);
    html! {
        <span
            ref={node}
            class={classes!("scrub-number", dragging.then_some("is-dragging"))}
            data-key={spec.name}
            role="slider"
            tabindex="0"
            aria-label={spec.label}
            aria-valuemin={shortest(spec.min)}
            aria-valuemax={shortest(spec.max)}
            aria-valuenow={shortest(value)}
            aria-valuetext={text.clone()}
            onkeydown={on_keydown}
            onpointerdown={on_pointerdown}
            onpointermove={on_pointermove}
            onpointerup={on_release.clone()}
            onpointercancel={on_release.clone()}
            onlostpointercapture={on_release}
        >
            { text }
        </span>
    }
}

/// The arithmetic of keys and drags, natively; the events themselves are tested in a browser
/// (`tests/components.rs`).
#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::InputKey;

    #[test]
    fn the_scale_spans_small_ranges_in_200_px_and_never_goes_below_a_pixel_a_step() {
        assert_eq!(px_per_step(InputKey::Cap.spec()), 1.0);
        assert!((px_per_step(InputKey::R30.spec()) - 200.0 / 116.0).abs() < 1e-12);
        assert!((px_per_step(InputKey::Year.spec()) - 200.0 / 9.0).abs() < 1e-12);
        assert_eq!(px_per_step(InputKey::Seed.spec()), 1.0);
        assert_eq!(drag_value(InputKey::R30.spec(), 200.0, 100.0), 490.0);
        assert_eq!(drag_value(InputKey::R30.spec(), 200.0, 10_000.0), 600.0);
        assert_eq!(drag_value(InputKey::Cap.spec(), 38.0, -100.0), 0.0);
        assert_eq!(drag_value(InputKey::Year.spec(), 2030.0, -200.0), 2026.0);
    }

    #[test]
    fn keys_move_by_one_or_ten_steps_or_to_the_ends() {
        let r30 = InputKey::R30.spec();
        assert_eq!(key_value(r30, 200.0, "ArrowRight", false), Some(205.0));
        assert_eq!(key_value(r30, 200.0, "ArrowDown", false), Some(195.0));
        assert_eq!(key_value(r30, 200.0, "ArrowUp", true), Some(250.0));
        assert_eq!(key_value(r30, 200.0, "PageDown", false), Some(150.0));
        assert_eq!(key_value(r30, 200.0, "Home", false), Some(20.0));
        assert_eq!(key_value(r30, 200.0, "End", false), Some(600.0));
        assert_eq!(key_value(r30, 600.0, "ArrowRight", false), Some(600.0));
        assert_eq!(key_value(r30, 25.0, "PageDown", false), Some(20.0));
        assert_eq!(key_value(r30, 200.0, "a", false), None);
        assert_eq!(key_value(r30, f64::NAN, "ArrowUp", false), Some(200.0));
    }
}
