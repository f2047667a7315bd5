//! Chart data: what a domain wants drawn, without saying how.
//!
//! A domain report returns [`Chart`]s from [`Audit::charts`](crate::Audit::charts); a
//! renderer (the `remit` facade's HTML page) turns them into pictures. Keeping the data
//! here lets a scorecard draw any domain's charts knowing only this type.
//!
//! Every value in a chart is an aggregate that the [disclosure engine](crate::disclosure)
//! already released; withheld values are simply left out.
//!
//! ```
//! use remit_core::chart::{Chart, ChartKind, Point, Series};
//!
//! let rates = Chart::new("promotion-rates", "Promotion rate by work mode", ChartKind::Bar)
//!     .with_axes("work mode", "promotion rate")
//!     .with_series(Series::new("rate", vec![
//!         Point::category("onsite", 0.12).with_interval(0.11, 0.13),
//!         Point::category("remote", 0.07).with_interval(0.06, 0.08),
//!     ]));
//! assert_eq!(rates.series()[0].points().len(), 2);
//! ```
//!
//! A chart can also say what its values mean, so the renderer can draw them honestly: a
//! [`ValueScale`] (shares are drawn on a 0–100 % axis) and a [`Tone`] per series or per
//! point (a risk band from calm to alarming; a bar below a threshold as alarming). Both are
//! optional; without them a chart is drawn with neutral colours on a plain number axis.
//!
//! ```
//! use remit_core::chart::{Chart, ChartKind, Point, Series, Tone, ValueScale};
//!
//! let bands = Chart::new("risk-bands", "Burnout-risk bands by work mode", ChartKind::StackedBar)
//!     .with_axes("work mode", "share of staff")
//!     .with_value_scale(ValueScale::Share)
//!     .with_series(Series::new("low", vec![Point::category("remote", 0.6)]).with_tone(Tone::Calm))
//!     .with_series(Series::new("high", vec![Point::category("remote", 0.4)]).with_tone(Tone::Alarming));
//! assert_eq!(bands.value_scale(), ValueScale::Share);
//! assert_eq!(bands.series()[1].tone(), Some(Tone::Alarming));
//! ```

/// How the series should be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChartKind {
    /// One bar per category (point labels), grouped by series; intervals as error bars.
    Bar,
    /// Bars whose series stack to a whole per category (shares of bands).
    StackedBar,
    /// Step functions over a numeric x axis (Kaplan–Meier curves).
    Step,
}

/// What a chart's values are, so the axis can show them in their own unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ValueScale {
    /// Plain numbers (counts, scores, money): the axis gets round ticks around the data.
    #[default]
    Number,
    /// Shares of a whole, as fractions 0–1: the axis is labelled in percent and never
    /// leaves 0–100 %.
    Share,
}

/// What a value means for the reader, so colour can carry it: from good through calm to
/// alarming. The renderer draws each tone in one colour of a colour-blind-safe palette
/// and never draws an alarming value in the colour of a good one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Tone {
    /// A good outcome (a target met).
    Good,
    /// Nothing to worry about, without being an achievement (the low-risk band).
    Calm,
    /// Worth watching (a moderate-risk band, a value near a threshold).
    Elevated,
    /// Needs attention (the high-risk band, a value past a threshold).
    Alarming,
}

/// One value: a category label or a numeric x, a y, and an optional interval.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Point {
    label: String,
    x: f64,
    y: f64,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    interval: Option<(f64, f64)>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    tone: Option<Tone>,
}

impl Point {
    /// A categorical point (bar charts); `x` is the category's position.
    pub fn category(label: impl Into<String>, y: f64) -> Self {
        Self {
            label: label.into(),
            x: 0.0,
            y,
            interval: None,
            tone: None,
        }
    }

    /// A numeric point (step charts).
    pub fn xy(x: f64, y: f64) -> Self {
        Self {
            label: String::new(),
            x,
            y,
            interval: None,
            tone: None,
        }
    }

    /// Adds a confidence interval `[low, high]` around `y`.
    #[must_use]
    pub fn with_interval(mut self, low: f64, high: f64) -> Self {
        self.interval = Some((low, high));
        self
    }

    /// Marks what this one value means (a bar past a threshold as [`Tone::Alarming`]);
    /// overrides its series' tone.
    #[must_use]
    pub fn with_tone(mut self, tone: Tone) -> Self {
        self.tone = Some(tone);
        self
    }

    /// The category label (empty for numeric points).
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The numeric x (0 for categorical points).
    pub fn x(&self) -> f64 {
        self.x
    }
    /// The value drawn on the y axis, in the chart's [`ValueScale`] (a share is 0 to 1).
    pub fn y(&self) -> f64 {
        self.y
    }
    /// The interval, if any.
    pub fn interval(&self) -> Option<(f64, f64)> {
        self.interval
    }
    /// What this value means, if the domain said so (otherwise its series' tone).
    pub fn tone(&self) -> Option<Tone> {
        self.tone
    }
}

/// A named sequence of points.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Series {
    name: String,
    points: Vec<Point>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    tone: Option<Tone>,
}

impl Series {
    /// A series named `name` (the legend text) with its points in drawing order, no tone.
    pub fn new(name: impl Into<String>, points: Vec<Point>) -> Self {
        Self {
            name: name.into(),
            points,
            tone: None,
        }
    }
    /// Marks what the whole series means (a risk band); without a tone, series are told
    /// apart by neutral colours that carry no judgement.
    #[must_use]
    pub fn with_tone(mut self, tone: Tone) -> Self {
        self.tone = Some(tone);
        self
    }
    /// What the series means, if the domain said so.
    pub fn tone(&self) -> Option<Tone> {
        self.tone
    }
    /// The series name (legend text).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The series' points, in drawing order (categories left to right, steps by `x`).
    pub fn points(&self) -> &[Point] {
        &self.points
    }
}

/// A chart a domain wants drawn.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Chart {
    key: String,
    title: String,
    kind: ChartKind,
    x_label: String,
    y_label: String,
    series: Vec<Series>,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "labelled_line"
        )
    )]
    reference_line: Option<(String, f64)>,
    #[cfg_attr(feature = "serde", serde(default))]
    value_scale: ValueScale,
}

/// The reference line in JSON as `{"label": …, "value": …}`; the older `[label, value]`
/// pair is still read.
#[cfg(feature = "serde")]
mod labelled_line {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Labelled {
        label: String,
        value: f64,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Labelled(Labelled),
        Pair(String, f64),
    }

    pub(super) fn serialize<S: Serializer>(
        line: &Option<(String, f64)>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        line.as_ref()
            .map(|(label, value)| Labelled {
                label: label.clone(),
                value: *value,
            })
            .serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<(String, f64)>, D::Error> {
        Ok(
            Option::<Either>::deserialize(deserializer)?.map(|line| match line {
                Either::Labelled(Labelled { label, value }) => (label, value),
                Either::Pair(label, value) => (label, value),
            }),
        )
    }
}

impl Chart {
    /// An empty chart with a stable key and a title.
    pub fn new(key: impl Into<String>, title: impl Into<String>, kind: ChartKind) -> Self {
        Self {
            key: key.into(),
            title: title.into(),
            kind,
            x_label: String::new(),
            y_label: String::new(),
            series: Vec::new(),
            reference_line: None,
            value_scale: ValueScale::Number,
        }
    }

    /// Sets the x- and y-axis labels (both empty until set).
    #[must_use]
    pub fn with_axes(mut self, x_label: impl Into<String>, y_label: impl Into<String>) -> Self {
        self.x_label = x_label.into();
        self.y_label = y_label.into();
        self
    }

    /// Adds a series after those already added (legend and drawing order).
    #[must_use]
    pub fn with_series(mut self, series: Series) -> Self {
        self.series.push(series);
        self
    }

    /// Adds a horizontal reference line (a threshold such as the four-fifths line).
    #[must_use]
    pub fn with_reference_line(mut self, label: impl Into<String>, y: f64) -> Self {
        self.reference_line = Some((label.into(), y));
        self
    }

    /// Says what the values are (default [`ValueScale::Number`]); with
    /// [`ValueScale::Share`] the value axis reads 0–100 %.
    #[must_use]
    pub fn with_value_scale(mut self, scale: ValueScale) -> Self {
        self.value_scale = scale;
        self
    }

    /// The stable machine key of the chart, the same across runs (renderers use it as an
    /// anchor or file name).
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The chart's title, shown above it.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// How to draw it.
    pub fn kind(&self) -> ChartKind {
        self.kind
    }
    /// The x-axis label; empty until [`with_axes`](Self::with_axes) sets it.
    pub fn x_label(&self) -> &str {
        &self.x_label
    }
    /// The y-axis label; empty until [`with_axes`](Self::with_axes) sets it.
    pub fn y_label(&self) -> &str {
        &self.y_label
    }
    /// The series, in the order they were added (legend and drawing order).
    pub fn series(&self) -> &[Series] {
        &self.series
    }
    /// The reference line, if any.
    pub fn reference_line(&self) -> Option<(&str, f64)> {
        self.reference_line.as_ref().map(|(l, y)| (l.as_str(), *y))
    }
    /// What the values are: plain numbers or shares.
    pub fn value_scale(&self) -> ValueScale {
        self.value_scale
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn json_labels_the_reference_line_and_reads_the_older_pair() {
        let chart = Chart::new("k", "t", ChartKind::Bar)
            .with_series(Series::new("s", vec![Point::category("a", 0.5)]))
            .with_reference_line("target", 0.8)
            .with_value_scale(ValueScale::Share);
        let json = serde_json::to_value(&chart).unwrap();
        assert_eq!(
            json["reference_line"],
            serde_json::json!({"label": "target", "value": 0.8})
        );
        assert_eq!(json["value_scale"], "share");
        assert!(json["series"][0]["points"][0].get("interval").is_none());
        let back: Chart = serde_json::from_value(json).unwrap();
        assert_eq!(back, chart);

        // A chart written before value scales, tones and labelled lines still reads.
        let older = serde_json::json!({
            "key": "k", "title": "t", "kind": "bar", "x_label": "", "y_label": "",
            "series": [{"name": "s", "points": [{"label": "a", "x": 0.0, "y": 0.5, "interval": null}]}],
            "reference_line": ["target", 0.8]
        });
        let read: Chart = serde_json::from_value(older).unwrap();
        assert_eq!(read.reference_line(), Some(("target", 0.8)));
        assert_eq!(read.value_scale(), ValueScale::Number);
        assert_eq!(read.series()[0].tone(), None);
    }
}
