//! Chart data: what a domain wants drawn, without saying how.
//!
//! A domain report returns [`Chart`]s from [`Audit::charts`](crate::Audit::charts); a
//! renderer (the `remit` facade's HTML page) turns them into pictures. Keeping the data
//! here lets a scorecard draw any domain's charts knowing only this type.
//!
//! Every value in a chart is an aggregate that already went through the domain's
//! disclosure guard; suppressed cells are simply left out.
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

/// One value: a category label or a numeric x, a y, and an optional interval.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Point {
    label: String,
    x: f64,
    y: f64,
    interval: Option<(f64, f64)>,
}

impl Point {
    /// A categorical point (bar charts); `x` is the category's position.
    pub fn category(label: impl Into<String>, y: f64) -> Self {
        Self {
            label: label.into(),
            x: 0.0,
            y,
            interval: None,
        }
    }

    /// A numeric point (step charts).
    pub fn xy(x: f64, y: f64) -> Self {
        Self {
            label: String::new(),
            x,
            y,
            interval: None,
        }
    }

    /// Adds a confidence interval `[low, high]` around `y`.
    #[must_use]
    pub fn with_interval(mut self, low: f64, high: f64) -> Self {
        self.interval = Some((low, high));
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
    /// The value.
    pub fn y(&self) -> f64 {
        self.y
    }
    /// The interval, if any.
    pub fn interval(&self) -> Option<(f64, f64)> {
        self.interval
    }
}

/// A named sequence of points.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Series {
    name: String,
    points: Vec<Point>,
}

impl Series {
    /// A series.
    pub fn new(name: impl Into<String>, points: Vec<Point>) -> Self {
        Self {
            name: name.into(),
            points,
        }
    }
    /// The series name (legend text).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The points.
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
    reference_line: Option<(String, f64)>,
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
        }
    }

    /// Names the axes.
    #[must_use]
    pub fn with_axes(mut self, x_label: impl Into<String>, y_label: impl Into<String>) -> Self {
        self.x_label = x_label.into();
        self.y_label = y_label.into();
        self
    }

    /// Adds a series.
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

    /// The stable key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// How to draw it.
    pub fn kind(&self) -> ChartKind {
        self.kind
    }
    /// The x-axis label.
    pub fn x_label(&self) -> &str {
        &self.x_label
    }
    /// The y-axis label.
    pub fn y_label(&self) -> &str {
        &self.y_label
    }
    /// The series.
    pub fn series(&self) -> &[Series] {
        &self.series
    }
    /// The reference line, if any.
    pub fn reference_line(&self) -> Option<(&str, f64)> {
        self.reference_line.as_ref().map(|(l, y)| (l.as_str(), *y))
    }
}
