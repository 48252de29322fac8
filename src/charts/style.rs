//! Colours and sizes shared by every chart. Sizes are in CSS pixels and multiplied by the
//! device pixel ratio, because the canvas backing store is sized in device pixels.

use plotters::style::RGBColor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// Colours chosen for at least 4.5:1 contrast of text and 3:1 of marks against the background.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    pub microsoft: RGBColor,
    pub old_terms: RGBColor,
    pub highlight: RGBColor,
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
                old_terms: RGBColor(0xb3, 0x50, 0x00),
                highlight: RGBColor(0xf1, 0xf4, 0xf8),
            },
            Theme::Dark => Palette {
                background: RGBColor(0x16, 0x1b, 0x22),
                text: RGBColor(0xe6, 0xed, 0xf3),
                grid: RGBColor(0x30, 0x36, 0x3d),
                axis: RGBColor(0x9d, 0xa7, 0xb3),
                microsoft: RGBColor(0x58, 0xa6, 0xff),
                old_terms: RGBColor(0xf0, 0x88, 0x3e),
                highlight: RGBColor(0x22, 0x29, 0x33),
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
