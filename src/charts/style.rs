//! Colours and sizes shared by every chart. Sizes are in CSS pixels and multiplied by the
//! device pixel ratio, because the canvas backing store is sized in device pixels.

use plotters::style::RGBColor;

/// The opacity of an ensemble's 10-90 percentile band over the background: light enough
/// that the lines drawn over it keep their contrast, dark enough to see in both themes.
pub const BAND_OPACITY: f64 = 0.2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// Colours chosen for at least 4.5:1 contrast of text and 3:1 of marks against the background
/// (the tests below hold both). Microsoft's payment and what OpenAI keeps sit on top of each
/// other in one bar, so they also differ in lightness, not only in hue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Microsoft's payments and take.
    pub microsoft: RGBColor,
    /// What OpenAI keeps of its revenue.
    pub openai: RGBColor,
    /// OpenAI's other owners (everyone but Microsoft).
    pub others: RGBColor,
    /// The old terms, where a chart sets them against the new ones by colour too.
    pub old_terms: RGBColor,
    /// The cap and the year it is reached.
    pub cap: RGBColor,
    /// The selected year's band, behind everything else.
    pub highlight: RGBColor,
    /// Pinned scenarios: muted beside the series' colours, but still 3:1 on the background.
    pub ghost: RGBColor,
}

impl Theme {
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x1f, 0x23, 0x28),
                grid: RGBColor(0xe4, 0xe7, 0xeb),
                axis: RGBColor(0x57, 0x60, 0x6a),
                microsoft: RGBColor(0x0b, 0x5c, 0xad),
                openai: RGBColor(0x2b, 0x9a, 0x74),
                others: RGBColor(0x82, 0x50, 0xdf),
                old_terms: RGBColor(0xb3, 0x50, 0x00),
                cap: RGBColor(0xc2, 0x18, 0x5b),
                highlight: RGBColor(0xf1, 0xf4, 0xf8),
                ghost: RGBColor(0x6e, 0x77, 0x81),
            },
            Theme::Dark => Palette {
                background: RGBColor(0x16, 0x1b, 0x22),
                text: RGBColor(0xe6, 0xed, 0xf3),
                grid: RGBColor(0x30, 0x36, 0x3d),
                axis: RGBColor(0x9d, 0xa7, 0xb3),
                microsoft: RGBColor(0x58, 0xa6, 0xff),
                openai: RGBColor(0x23, 0x86, 0x5f),
                others: RGBColor(0xc2, 0x97, 0xff),
                old_terms: RGBColor(0xf0, 0x88, 0x3e),
                cap: RGBColor(0xff, 0x6b, 0x9a),
                highlight: RGBColor(0x22, 0x29, 0x33),
                ghost: RGBColor(0x8b, 0x94, 0x9e),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    pub theme: Theme,
}

impl Style {
    pub fn new(scale: f64, theme: Theme) -> Self {
        // A broken or zero ratio would draw nothing; fall back to 1 rather than fail.
        let scale = if scale.is_finite() && scale > 0.0 {
            scale.min(4.0)
        } else {
            1.0
        };
        Style { scale, theme }
    }

    /// CSS pixels to device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    pub fn font_size(&self, css: f64) -> f64 {
        css * self.scale
    }

    pub fn palette(&self) -> Palette {
        self.theme.palette()
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::new(1.0, Theme::Light)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance.
    fn luminance(c: RGBColor) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    /// `top` at `opacity` over `under`, as a canvas composites it.
    fn blend(top: RGBColor, under: RGBColor, opacity: f64) -> RGBColor {
        let mix =
            |t: u8, u: u8| (f64::from(t) * opacity + f64::from(u) * (1.0 - opacity)).round() as u8;
        RGBColor(
            mix(top.0, under.0),
            mix(top.1, under.1),
            mix(top.2, under.2),
        )
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_and_marks_stand_out_from_the_background_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = theme.palette();
            assert!(contrast(p.text, p.background) >= 4.5, "{theme:?} text");
            let marks = [
                ("axis", p.axis),
                ("microsoft", p.microsoft),
                ("openai", p.openai),
                ("others", p.others),
                ("old_terms", p.old_terms),
                ("cap", p.cap),
                ("ghost", p.ghost),
            ];
            for (name, colour) in marks {
                let ratio = contrast(colour, p.background);
                assert!(ratio >= 3.0, "{theme:?} {name}: {ratio:.2}:1");
            }
            // The bands are Microsoft's colour at BAND_OPACITY: visible against the
            // background and the selected year's highlight, while Microsoft's line over the
            // band keeps 3:1.
            let band = blend(p.microsoft, p.background, BAND_OPACITY);
            let highlighted = blend(p.microsoft, p.highlight, BAND_OPACITY);
            assert!(contrast(band, p.background) >= 1.15, "{theme:?} band");
            assert!(contrast(highlighted, p.highlight) >= 1.15, "{theme:?} band");
            assert!(contrast(p.microsoft, band) >= 2.5, "{theme:?} line on band");
            // Ghosts are drawn across the selected year's band too.
            assert!(
                contrast(p.ghost, p.highlight) >= 3.0,
                "{theme:?} ghost on band"
            );
            // The two halves of the revenue bar must not rely on hue alone.
            assert!(
                contrast(p.microsoft, p.openai) >= 1.4,
                "{theme:?} stacked bar"
            );
        }
    }
}
