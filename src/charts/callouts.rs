//! Labels that find their own place. A chart asks for a label at a point of its data; the
//! placer tries spots around the point, nearest first, long text before short, and takes the
//! first that stays inside the plot and clear of the data and of labels already placed. A
//! label with no clear spot at all is left out rather than drawn over something: the chart's
//! text alternative still says it.
//!
//! Everything here is in backend pixels and knows nothing of plotters, so the geometry is
//! tested on its own; `frame::draw_callouts` measures and draws.

/// A box in backend pixels; `right` and `bottom` are exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Rect {
    /// The box from `(left, top)` of a given size.
    pub fn at((left, top): (i32, i32), (width, height): (i32, i32)) -> Rect {
        Rect {
            left,
            top,
            right: left + width,
            bottom: top + height,
        }
    }

    pub fn grow(self, by: i32) -> Rect {
        Rect {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    pub fn within(&self, bounds: &Rect) -> bool {
        self.left >= bounds.left
            && self.top >= bounds.top
            && self.right <= bounds.right
            && self.bottom <= bounds.bottom
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= f64::from(self.left)
            && x <= f64::from(self.right)
            && y >= f64::from(self.top)
            && y <= f64::from(self.bottom)
    }

    /// Whether the segment `a`-`b` passes through the box: clipped against each of the four
    /// sides in turn (Liang-Barsky), so a long line that crosses the box with both ends
    /// outside still counts.
    pub fn crosses(&self, a: (i32, i32), b: (i32, i32)) -> bool {
        let (x0, y0) = (f64::from(a.0), f64::from(a.1));
        let (dx, dy) = (f64::from(b.0) - x0, f64::from(b.1) - y0);
        if self.contains((x0, y0)) {
            return true;
        }
        let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
        let sides = [
            (-dx, x0 - f64::from(self.left)),
            (dx, f64::from(self.right) - x0),
            (-dy, y0 - f64::from(self.top)),
            (dy, f64::from(self.bottom) - y0),
        ];
        for (p, q) in sides {
            if p == 0.0 {
                if q < 0.0 {
                    return false; // parallel to this side and outside it
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    enter = enter.max(t);
                } else {
                    leave = leave.min(t);
                }
                if enter > leave {
                    return false;
                }
            }
        }
        true
    }
}

/// What labels must keep clear of: the data's lines and the boxes of bars, markers and text.
#[derive(Clone, Debug, Default)]
pub struct Obstacles {
    segments: Vec<((i32, i32), (i32, i32))>,
    boxes: Vec<Rect>,
}

impl Obstacles {
    /// A polyline, such as a data series.
    pub fn line(&mut self, points: &[(i32, i32)]) {
        self.segments
            .extend(points.windows(2).map(|pair| (pair[0], pair[1])));
        if let [only] = points {
            self.segments.push((*only, *only));
        }
    }

    pub fn rect(&mut self, rect: Rect) {
        self.boxes.push(rect);
    }

    pub fn blocks(&self, rect: &Rect) -> bool {
        self.boxes.iter().any(|other| rect.overlaps(other))
            || self.segments.iter().any(|&(a, b)| rect.crosses(a, b))
    }

    /// Whether a leader line from `a` to `b` would cut through a box. Lines are not checked:
    /// a thin leader crossing a thin line reads fine, one through a bar or a label does not.
    fn blocks_path(&self, a: (i32, i32), b: (i32, i32)) -> bool {
        self.boxes.iter().any(|other| other.crosses(a, b))
    }
}

/// A label a chart asks for: the data point it explains and its text, longest first, each
/// with its measured size in backend pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub anchor: (i32, i32),
    pub texts: Vec<(String, (i32, i32))>,
}

/// A label that found its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub text: String,
    pub rect: Rect,
    pub anchor: (i32, i32),
    /// Set down away from its point: a leader line joins them so the reader sees which point
    /// it explains.
    pub leader: bool,
}

/// Where, relative to its point, a label may sit: a compass direction. The order is the
/// order of preference: above and to the right reads first, and charts here rise to the right,
/// so space is likelier above-left or below-right of a point than straight above it.
const SPOTS: [(i32, i32); 8] = [
    (1, -1),
    (-1, -1),
    (1, 1),
    (-1, 1),
    (0, -1),
    (0, 1),
    (1, 0),
    (-1, 0),
];

/// Distances from the point, in multiples of the gap; beyond the first a leader line is drawn.
const REACH: [i32; 6] = [1, 3, 6, 10, 15, 22];

/// The box a label of `size` takes at a compass `spot` `distance` pixels from `anchor`.
fn spot_rect(
    anchor: (i32, i32),
    (width, height): (i32, i32),
    spot: (i32, i32),
    distance: i32,
) -> Rect {
    let left = match spot.0 {
        1 => anchor.0 + distance,
        -1 => anchor.0 - distance - width,
        _ => anchor.0 - width / 2,
    };
    let top = match spot.1 {
        1 => anchor.1 + distance,
        -1 => anchor.1 - distance - height,
        _ => anchor.1 - height / 2,
    };
    Rect::at((left, top), (width, height))
}

/// Places each request in order (so the first is the most important), each placed label
/// becoming an obstacle for the next. `gap` is the nearest a label comes to its point and
/// `pad` the clear margin kept around each label, both in backend pixels. Returns one entry
/// per request: `None` where no spot was clear.
pub fn place(
    requests: &[Request],
    bounds: Rect,
    obstacles: &mut Obstacles,
    gap: i32,
    pad: i32,
) -> Vec<Option<Placed>> {
    requests
        .iter()
        .map(|request| {
            // Near spots first, long text before short; then anywhere in the plot, nearest
            // first. A leader through a bar or a label is the last resort.
            let anchor = request.anchor;
            let found = [true, false].iter().find_map(|&strict| {
                // Judged on the box alone: the text is copied only for the spot that is taken.
                let fits = |rect: &Rect, leader: bool| {
                    rect.within(&bounds)
                        && !obstacles.blocks(&rect.grow(pad))
                        && !(strict && leader && {
                            let end = nearest(anchor, rect);
                            obstacles.blocks_path(towards(anchor, end, gap), end)
                        })
                };
                let near = request.texts.iter().find_map(|(text, size)| {
                    REACH.iter().find_map(|&reach| {
                        SPOTS.iter().find_map(|&spot| {
                            let rect = spot_rect(anchor, *size, spot, gap * reach);
                            let leader = reach > 1;
                            fits(&rect, leader).then(|| Placed {
                                text: text.clone(),
                                rect,
                                anchor,
                                leader,
                            })
                        })
                    })
                });
                near.or_else(|| {
                    request.texts.iter().find_map(|(text, size)| {
                        anywhere(anchor, *size, &bounds, gap)
                            .into_iter()
                            .find(|rect| fits(rect, true))
                            .map(|rect| Placed {
                                text: text.clone(),
                                rect,
                                anchor,
                                leader: true,
                            })
                    })
                })
            });
            if let Some(placed) = &found {
                obstacles.rect(placed.rect.grow(pad));
                if placed.leader {
                    // The leader is drawn too: later labels must not cross it either.
                    obstacles.line(&[leader_start(placed, gap), leader_end(placed)]);
                }
            }
            found
        })
        .collect()
}

/// Every place in `bounds` for a box of `size`, on a grid of `step` pixels, nearest to
/// `anchor` first: the fallback when no spot near the point is clear.
fn anywhere(
    anchor: (i32, i32),
    (width, height): (i32, i32),
    bounds: &Rect,
    step: i32,
) -> Vec<Rect> {
    let step = step.max(1) as usize;
    let mut spots: Vec<(i64, Rect)> = (bounds.top..=bounds.bottom - height)
        .step_by(step)
        .flat_map(|top| {
            (bounds.left..=bounds.right - width)
                .step_by(step)
                .map(move |left| Rect::at((left, top), (width, height)))
        })
        .map(|rect| {
            let dx = i64::from(anchor.0.clamp(rect.left, rect.right) - anchor.0);
            let dy = i64::from(anchor.1.clamp(rect.top, rect.bottom) - anchor.1);
            (dx * dx + dy * dy, rect)
        })
        .collect();
    spots.sort_by_key(|&(distance, rect)| (distance, rect.top, rect.left));
    spots.into_iter().map(|(_, rect)| rect).collect()
}

/// Where a label's leader line starts: `gap` from its point towards the label, clear of the
/// marker or bar the point sits on.
pub fn leader_start(placed: &Placed, gap: i32) -> (i32, i32) {
    towards(placed.anchor, leader_end(placed), gap)
}

/// Where a label's leader line meets its box: the point of the box nearest its anchor.
pub fn leader_end(placed: &Placed) -> (i32, i32) {
    nearest(placed.anchor, &placed.rect)
}

/// The point `gap` from the first point on the way to the second, or the second when it is
/// nearer than that.
fn towards((ax, ay): (i32, i32), (ex, ey): (i32, i32), gap: i32) -> (i32, i32) {
    let (dx, dy) = (f64::from(ex - ax), f64::from(ey - ay));
    let length = dx.hypot(dy);
    if length <= f64::from(gap) {
        return (ex, ey);
    }
    let t = f64::from(gap) / length;
    (ax + (dx * t).round() as i32, ay + (dy * t).round() as i32)
}

/// The point of `rect` nearest `point`.
fn nearest(point: (i32, i32), rect: &Rect) -> (i32, i32) {
    (
        point.0.clamp(rect.left, rect.right),
        point.1.clamp(rect.top, rect.bottom),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Rect = Rect {
        left: 0,
        top: 0,
        right: 400,
        bottom: 300,
    };

    fn request(anchor: (i32, i32), long: (i32, i32), short: (i32, i32)) -> Request {
        Request {
            anchor,
            texts: vec![("long".into(), long), ("short".into(), short)],
        }
    }

    #[test]
    fn segments_that_cross_a_box_count_even_with_both_ends_outside() {
        let rect = Rect::at((10, 10), (20, 20));
        assert!(rect.crosses((0, 20), (40, 20)), "straight through");
        assert!(rect.crosses((15, 15), (16, 16)), "inside");
        assert!(rect.crosses((0, 0), (40, 40)), "diagonal");
        assert!(!rect.crosses((0, 0), (40, 0)), "above");
        assert!(!rect.crosses((0, 40), (40, 60)), "below");
        assert!(!rect.crosses((0, 15), (15, 0)), "passes the corner");
    }

    #[test]
    fn the_first_clear_spot_is_above_right_of_the_point() {
        let mut obstacles = Obstacles::default();
        let placed = place(
            &[request((100, 100), (50, 10), (20, 10))],
            BOUNDS,
            &mut obstacles,
            4,
            1,
        );
        let placed = placed[0].clone().expect("placed");
        assert_eq!(placed.rect, Rect::at((104, 86), (50, 10)));
        assert_eq!(placed.text, "long");
        assert!(!placed.leader);
    }

    #[test]
    fn labels_keep_clear_of_lines_bounds_and_each_other() {
        let mut obstacles = Obstacles::default();
        // A rising line through the anchors, as the charts have.
        let line = [(0, 290), (200, 150), (400, 10)];
        obstacles.line(&line);
        let requests = [
            request((200, 150), (120, 14), (40, 14)),
            request((210, 143), (120, 14), (40, 14)),
            request((395, 12), (120, 14), (40, 14)),
        ];
        let placed = place(&requests, BOUNDS, &mut obstacles, 4, 2);
        let placed: Vec<Placed> = placed.into_iter().flatten().collect();
        assert_eq!(placed.len(), 3, "{placed:?}");
        for (i, label) in placed.iter().enumerate() {
            assert!(label.rect.within(&BOUNDS), "{label:?}");
            for pair in line.windows(2) {
                assert!(!label.rect.crosses(pair[0], pair[1]), "{label:?}");
            }
            for other in &placed[i + 1..] {
                assert!(!label.rect.overlaps(&other.rect), "{label:?} {other:?}");
            }
        }
        // The second label could not sit where the first did: it moved away.
        assert_ne!(placed[0].rect, placed[1].rect);
    }

    #[test]
    fn the_short_text_is_used_when_the_long_one_fits_nowhere() {
        let mut obstacles = Obstacles::default();
        let narrow = Rect::at((0, 0), (60, 300));
        let placed = place(
            &[request((30, 150), (200, 10), (20, 10))],
            narrow,
            &mut obstacles,
            4,
            1,
        );
        assert_eq!(placed[0].as_ref().map(|p| p.text.as_str()), Some("short"));
    }

    #[test]
    fn a_label_walled_in_near_its_point_goes_to_the_nearest_clear_place() {
        let mut obstacles = Obstacles::default();
        // Everything within 200 px of the point is taken except a strip at the far left.
        obstacles.rect(Rect {
            left: 60,
            top: 0,
            right: 400,
            bottom: 300,
        });
        let placed = place(
            &[request((350, 150), (50, 10), (40, 10))],
            BOUNDS,
            &mut obstacles,
            4,
            1,
        );
        let placed = placed[0].clone().expect("placed far away");
        assert_eq!(placed.text, "long");
        assert!(placed.leader);
        assert!(placed.rect.right <= 59, "{placed:?}");
        // The nearest such place: level with the point.
        assert!(
            (placed.rect.top..=placed.rect.bottom).contains(&150),
            "{placed:?}"
        );
    }

    #[test]
    fn a_label_with_no_clear_spot_is_left_out() {
        let mut obstacles = Obstacles::default();
        obstacles.rect(BOUNDS);
        let placed = place(
            &[request((100, 100), (50, 10), (20, 10))],
            BOUNDS,
            &mut obstacles,
            4,
            1,
        );
        assert_eq!(placed, vec![None]);
    }

    #[test]
    fn a_label_set_down_far_away_gets_a_leader_that_later_labels_avoid() {
        let mut obstacles = Obstacles::default();
        // Wall off the near ring around the point.
        obstacles.rect(Rect::at((80, 80), (40, 40)).grow(8));
        let placed = place(
            &[request((100, 100), (30, 10), (30, 10))],
            BOUNDS,
            &mut obstacles,
            4,
            0,
        );
        let placed = placed[0].clone().expect("placed further out");
        assert!(placed.leader);
        let end = leader_end(&placed);
        assert!(placed.rect.grow(1).crosses(end, end));
    }
}
