//! Runs the uncertainty ensemble without blocking the page: 10,000 paths take longer than a
//! frame in wasm, so the model's [`Simulation`] is stepped a slice at a time in animation
//! frames, each frame within a time budget measured with `performance.now()`.
//!
//! A new scenario restarts the work (dropping the old job cancels its frame); until it
//! finishes, the app shows a quick ensemble of the first [`PREVIEW_PATHS`] paths, computed at
//! once, so the bands stay live while a slider is dragged. Each finished run leaves a User Timing
//! measure `ensemble {paths} paths` from the input that started it, for the profiler and
//! `make bench`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use deal_model::{simulate, Ensemble, Scenario, Simulation, DEFAULT_PATHS, LAST_YEAR};
use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// The share of a 16.7 ms frame the ensemble may use; the rest is left for the charts and
/// the browser.
pub const FRAME_BUDGET_MS: f64 = 6.0;

/// Paths of the quick ensemble shown at once after each input, while the full one is sliced
/// over the next frames: well under a millisecond in wasm, so the bands follow a drag frame by
/// frame (1,000 paths looked better but cost a drag several times as many late frames). They
/// are the first paths of the full run (one random stream, path after path), so the picture
/// only sharpens when the full run lands.
pub const PREVIEW_PATHS: usize = 250;

/// How long one step should take: short enough that the last step of a frame overruns the
/// budget by little, long enough that reading the clock costs nothing.
const STEP_MS: f64 = 0.5;

/// The ensemble the page shows and whether a newer one is on its way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnsembleStatus {
    /// The newest finished ensemble while uncertainty is on; `None` when it is off.
    pub ensemble: Option<Rc<Ensemble>>,
    /// The number of paths being simulated, while a run is under way.
    pub running: Option<usize>,
    /// How the last run went, for the bench and curious readers.
    pub last_run: Option<RunStats>,
}

/// How a finished run was spread over frames.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunStats {
    /// Animation frames from the start to the end of the run, the idle first one included.
    pub frames: u32,
    /// Time spent simulating, summed over the frames, in ms.
    pub work_ms: f64,
    /// From the start of the run to its end, in ms.
    pub elapsed_ms: f64,
    /// The longest time spent simulating in one frame, in ms.
    pub longest_frame_ms: f64,
}

/// The scenario as the ensemble sees it, or `None` when uncertainty is off. The selected year
/// only picks what to read off the ensemble, so it is fixed here: moving it must not restart
/// the work.
pub fn ensemble_key(scenario: &Scenario) -> Option<Scenario> {
    let bounded = scenario.bounded();
    (bounded.vol > 0.0).then_some(Scenario {
        year: f64::from(LAST_YEAR),
        ..bounded
    })
}

/// A finished full run and the inputs it was run for.
#[derive(Clone, Debug, PartialEq)]
struct Finished {
    key: Scenario,
    ensemble: Rc<Ensemble>,
    stats: RunStats,
}

/// The ensemble of the scenario, computed in slices across animation frames whenever an
/// input it depends on changes.
///
/// The quick ensemble is computed in the render that shows the new inputs (a memo on them),
/// not in an effect that would set state and render the whole page a second time per input:
/// during a drag that second render is what would cost frames.
#[hook]
pub fn use_ensemble(scenario: &Scenario) -> EnsembleStatus {
    let finished = use_state(|| None::<Finished>);
    let job = use_mut_ref(|| None::<EnsembleRunner>);
    let key = ensemble_key(scenario);
    let fresh = matches!((&*finished, key), (Some(done), Some(key)) if done.key == key);
    let preview = use_memo(key, |key| {
        key.as_ref()
            .map(|key| Rc::new(simulate(key, PREVIEW_PATHS)))
    });
    {
        let finished = finished.clone();
        use_effect_with(key, move |key| {
            // Replacing the old runner drops it, which cancels its frame.
            *job.borrow_mut() = key.map(|key| {
                EnsembleRunner::start(key, DEFAULT_PATHS, move |ensemble, stats| {
                    finished.set(Some(Finished {
                        key,
                        ensemble: Rc::new(ensemble),
                        stats,
                    }));
                })
            });
        });
    }
    // The newest finished run is the last one: a run that is replaced never finishes.
    let last_run = finished.as_ref().map(|done| done.stats);
    match (key, &*finished) {
        (None, _) => EnsembleStatus {
            last_run,
            ..EnsembleStatus::default()
        },
        (Some(_), Some(done)) if fresh => EnsembleStatus {
            ensemble: Some(Rc::clone(&done.ensemble)),
            running: None,
            last_run,
        },
        (Some(_), _) => EnsembleStatus {
            ensemble: (*preview).clone(),
            running: Some(DEFAULT_PATHS),
            last_run,
        },
    }
}

type OnDone = Box<dyn FnOnce(Ensemble, RunStats)>;

struct Job {
    /// What to simulate, until the first working frame creates the simulation.
    pending: Option<(Scenario, usize)>,
    simulation: Option<Simulation>,
    on_done: Option<OnDone>,
    /// Units of work per step, adapted to the measured speed.
    step_work: usize,
    started: f64,
    mark: String,
    stats: RunStats,
    frame: Option<AnimationFrame>,
    /// The handle of the frame now running, kept until the next one so that it is not
    /// dropped from inside its own callback.
    spent: Option<AnimationFrame>,
}

/// One run of the ensemble; dropping it stops the run.
pub struct EnsembleRunner {
    _job: Rc<RefCell<Job>>,
}

impl EnsembleRunner {
    /// Starts simulating at the animation frame after next; `on_done` gets the ensemble
    /// unless the runner is dropped first.
    ///
    /// The first frame is left alone: during a drag a new input arrives every frame and
    /// replaces this runner, so work begun then would be thrown away while costing the drag
    /// its frames (and 2 MB of buffers per input). Work starts once an input has stood for a
    /// frame.
    pub fn start(
        scenario: Scenario,
        paths: usize,
        on_done: impl FnOnce(Ensemble, RunStats) + 'static,
    ) -> Self {
        let paths = paths.max(1);
        let mark = format!("ensemble {paths} paths");
        let performance = gloo::utils::window().performance();
        let started = performance.as_ref().map_or(0.0, |p| p.now());
        if let Some(performance) = &performance {
            performance.clear_marks_with_mark_name(&mark);
            let _ = performance.mark(&mark);
        }
        let job = Rc::new(RefCell::new(Job {
            pending: Some((scenario, paths)),
            simulation: None,
            on_done: Some(Box::new(on_done)),
            step_work: 1_000,
            started,
            mark,
            stats: RunStats {
                frames: 0,
                work_ms: 0.0,
                elapsed_ms: 0.0,
                longest_frame_ms: 0.0,
            },
            frame: None,
            spent: None,
        }));
        schedule(&job);
        EnsembleRunner { _job: job }
    }
}

fn schedule(job: &Rc<RefCell<Job>>) {
    let weak: Weak<RefCell<Job>> = Rc::downgrade(job);
    let frame = request_animation_frame(move |_| {
        if let Some(job) = weak.upgrade() {
            run_frame(&job);
        }
    });
    let mut job = job.borrow_mut();
    job.spent = job.frame.replace(frame);
}

/// Steps the simulation until the frame's budget is spent, then books the next frame or
/// hands over the ensemble.
fn run_frame(job: &Rc<RefCell<Job>>) {
    let Some(performance) = gloo::utils::window().performance() else {
        return;
    };
    let finished = {
        let mut guard = job.borrow_mut();
        let state = &mut *guard;
        let frame_start = performance.now();
        if state.stats.frames == 0 && state.simulation.is_none() {
            // The frame left alone (see `EnsembleRunner::start`).
            state.stats.frames = 1;
            drop(guard);
            schedule(job);
            return;
        }
        if let Some((scenario, paths)) = state.pending.take() {
            state.simulation = Some(Simulation::new(&scenario, paths));
        }
        let Some(simulation) = state.simulation.as_mut() else {
            return;
        };
        let mut now = frame_start;
        let mut done = false;
        while !done && now - frame_start < FRAME_BUDGET_MS {
            let before = simulation.work_done();
            done = simulation.step(state.step_work);
            let after = performance.now();
            let units = simulation.work_done() - before;
            let taken = after - now;
            now = after;
            // Percentile steps end early and cost more per unit; only steps that used their
            // whole allowance say how fast the paths go.
            if units == state.step_work && taken > 0.0 {
                let wanted = (units as f64 * STEP_MS / taken) as usize;
                state.step_work = wanted.clamp(64, 200_000);
            }
        }
        let spent = now - frame_start;
        state.stats.frames += 1;
        state.stats.work_ms += spent;
        state.stats.longest_frame_ms = state.stats.longest_frame_ms.max(spent);
        if done {
            state.stats.elapsed_ms = now - state.started;
            // Only the newest measure stays in the timeline; a PerformanceObserver sees each.
            performance.clear_measures_with_measure_name(&state.mark);
            let _ = performance.measure_with_start_mark(&state.mark, &state.mark);
            performance.clear_marks_with_mark_name(&state.mark);
            let simulation = state.simulation.take();
            simulation.zip(state.on_done.take())
        } else {
            None
        }
    };
    match finished {
        Some((simulation, on_done)) => {
            let stats = job.borrow().stats;
            on_done(simulation.finish(), stats);
        }
        None => schedule(job),
    }
}
