//! Behavioural signals per employee-week, stored column by column ([`SignalPanel`]), and
//! the thresholds that say when a week is unhealthy ([`SignalThresholds`]).

use remit_core::EmployeeId;

/// One behavioural signal, measured per employee and week; each variant says its unit
/// (hours, a count or days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Signal {
    /// Meetings with at least one other person, any time (hours).
    MeetingHours,
    /// Meetings, email, chat and calls, overlaps removed, any time (hours).
    CollaborationHours,
    /// Collaboration outside the employee's own working hours (hours).
    AfterHoursHours,
    /// Collaboration on the employee's local weekend (hours).
    WeekendHours,
    /// Working time in uninterrupted blocks of at least one hour (hours).
    FocusHours,
    /// Meetings starting within the back-to-back gap of the previous one's end (count).
    BackToBackMeetings,
    /// Meetings outside the employee's own local working hours (count).
    OutOfHoursMeetings,
    /// Days of leave taken (days).
    DaysOff,
}

impl Signal {
    /// Every signal, in column order.
    pub const ALL: [Signal; 8] = [
        Signal::MeetingHours,
        Signal::CollaborationHours,
        Signal::AfterHoursHours,
        Signal::WeekendHours,
        Signal::FocusHours,
        Signal::BackToBackMeetings,
        Signal::OutOfHoursMeetings,
        Signal::DaysOff,
    ];
    /// How many signals there are.
    pub const COUNT: usize = 8;

    /// The signal's column in a [`SignalPanel`] and in [`Signal::ALL`] (0 to 7).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// A short snake-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Signal::MeetingHours => "meeting_hours",
            Signal::CollaborationHours => "collaboration_hours",
            Signal::AfterHoursHours => "after_hours_hours",
            Signal::WeekendHours => "weekend_hours",
            Signal::FocusHours => "focus_hours",
            Signal::BackToBackMeetings => "back_to_back_meetings",
            Signal::OutOfHoursMeetings => "out_of_hours_meetings",
            Signal::DaysOff => "days_off",
        }
    }

    /// The largest plausible weekly value: 168 hours, 7 days, or 500 meetings.
    pub const fn max_weekly(self) -> f32 {
        match self {
            Signal::BackToBackMeetings | Signal::OutOfHoursMeetings => 500.0,
            Signal::DaysOff => 7.0,
            _ => 168.0,
        }
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Signal data or thresholds were invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SignalError {
    /// A value of a lone week outside `0..=max` or not finite.
    #[error("week signals: field `{signal}` = {value} is outside 0..={max}")]
    ValueOutOfRange {
        /// The signal whose value was refused.
        signal: Signal,
        /// The refused value: NaN, infinite, negative or above the signal's weekly maximum.
        value: f32,
        /// The largest allowed value.
        max: f32,
    },
    /// A panel value outside `0..=max` or not finite.
    #[error("employee {employee}, week {week}: field `{signal}` = {value} is outside 0..={max}")]
    OutOfRange {
        /// The employee whose panel row holds the value.
        employee: EmployeeId,
        /// The week's position in the panel, from 0.
        week: usize,
        /// The signal whose value was refused.
        signal: Signal,
        /// The refused value: NaN, infinite, negative or above the signal's weekly maximum.
        value: f32,
        /// The largest allowed value.
        max: f32,
    },
    /// An employee's row has the wrong number of weeks.
    #[error("employee {employee}: expected {expected} weeks of signals, got {got}")]
    WrongWeekCount {
        /// The employee whose row has the wrong number of weeks.
        employee: EmployeeId,
        /// The panel's week count.
        expected: usize,
        /// How many weeks the row gave.
        got: usize,
    },
    /// A column of the wrong length.
    #[error("column `{signal}` has {got} values, expected {expected} (employees × weeks)")]
    WrongColumnLength {
        /// The signal whose column has the wrong length.
        signal: Signal,
        /// The length it should have: employees × weeks.
        expected: usize,
        /// How many values the column gave.
        got: usize,
    },
    /// A panel needs at least one week.
    #[error("a signal panel needs at least one week")]
    NoWeeks,
    /// The same employee appears twice.
    #[error("employee {employee}: appears more than once in the panel")]
    DuplicateEmployee {
        /// The employee with more than one row.
        employee: EmployeeId,
    },
    /// A threshold that is not finite and non-negative.
    #[error("threshold for `{signal}` = {value} must be finite and non-negative")]
    InvalidThreshold {
        /// The signal whose threshold was refused.
        signal: Signal,
        /// The refused threshold (negative, NaN or infinite), in the signal's unit.
        value: f32,
    },
}

/// One employee-week of signals.
///
/// Invariant: every value finite and within `0..=Signal::max_weekly()`.
///
/// ```
/// use remit_wellbeing::{Signal, SignalError, WeekSignals};
/// let week = WeekSignals::zero()
///     .with(Signal::CollaborationHours, 22.5)?
///     .with(Signal::AfterHoursHours, 3.0)?;
/// assert_eq!(week.get(Signal::AfterHoursHours), 3.0);
/// assert_eq!(
///     WeekSignals::zero().with(Signal::DaysOff, 8.0),
///     Err(SignalError::ValueOutOfRange { signal: Signal::DaysOff, value: 8.0, max: 7.0 })
/// );
/// # Ok::<(), remit_wellbeing::SignalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "WeekSignalsFields"))]
pub struct WeekSignals {
    values: [f32; Signal::COUNT],
}

/// The fields of [`WeekSignals`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct WeekSignalsFields {
    values: [f32; Signal::COUNT],
}

#[cfg(feature = "serde")]
impl TryFrom<WeekSignalsFields> for WeekSignals {
    type Error = SignalError;

    fn try_from(f: WeekSignalsFields) -> Result<Self, Self::Error> {
        Signal::ALL
            .iter()
            .zip(f.values)
            .try_fold(WeekSignals::zero(), |week, (signal, value)| {
                week.with(*signal, value)
            })
    }
}

fn in_range(signal: Signal, value: f32) -> bool {
    value.is_finite() && (0.0..=signal.max_weekly()).contains(&value)
}

impl WeekSignals {
    /// A week with every signal zero.
    pub const fn zero() -> Self {
        Self {
            values: [0.0; Signal::COUNT],
        }
    }

    /// Sets one signal.
    ///
    /// # Errors
    ///
    /// [`SignalError::OutOfRange`] for a value that is negative, not finite or above
    /// [`Signal::max_weekly`].
    pub fn with(mut self, signal: Signal, value: f32) -> Result<Self, SignalError> {
        if !in_range(signal, value) {
            return Err(SignalError::ValueOutOfRange {
                signal,
                value,
                max: signal.max_weekly(),
            });
        }
        self.values[signal.index()] = value;
        Ok(self)
    }

    /// The week's value of `signal`, in its unit (hours, a count or days).
    pub fn get(&self, signal: Signal) -> f32 {
        self.values[signal.index()]
    }
}

/// Weekly signals of many employees over the same weeks, stored as one column per
/// signal (struct of arrays): value `(employee e, week w)` of a column sits at
/// `e × weeks + w`. Building and reading it allocates nothing per week.
///
/// ```
/// use remit_core::EmployeeId;
/// use remit_wellbeing::{Signal, SignalPanel, WeekSignals};
///
/// let mut panel = SignalPanel::new(2)?;
/// let busy = WeekSignals::zero().with(Signal::AfterHoursHours, 4.0)?;
/// panel.push(EmployeeId::from_external("E-1"), &[busy, WeekSignals::zero()])?;
/// assert_eq!(panel.series(0, Signal::AfterHoursHours), Some(&[4.0, 0.0][..]));
/// assert_eq!(panel.mean(0, Signal::AfterHoursHours), Some(2.0));
/// # Ok::<(), remit_wellbeing::SignalError>(())
/// ```
///
/// Deserialisation goes through [`SignalPanel::from_columns`]: every value, the column
/// lengths and duplicate employees are checked.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SignalPanelFields"))]
pub struct SignalPanel {
    weeks: usize,
    employees: Vec<EmployeeId>,
    columns: [Vec<f32>; Signal::COUNT],
}

/// The fields of [`SignalPanel`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct SignalPanelFields {
    weeks: usize,
    employees: Vec<EmployeeId>,
    columns: [Vec<f32>; Signal::COUNT],
}

#[cfg(feature = "serde")]
impl TryFrom<SignalPanelFields> for SignalPanel {
    type Error = SignalError;

    fn try_from(f: SignalPanelFields) -> Result<Self, Self::Error> {
        SignalPanel::from_columns(f.weeks, f.employees, f.columns)
    }
}

impl SignalPanel {
    /// An empty panel of `weeks` weeks.
    ///
    /// # Errors
    ///
    /// [`SignalError::NoWeeks`] for zero weeks.
    pub fn new(weeks: usize) -> Result<Self, SignalError> {
        Self::with_capacity(weeks, 0)
    }

    /// An empty panel with room for `employees` employees.
    ///
    /// # Errors
    ///
    /// [`SignalError::NoWeeks`] for zero weeks.
    pub fn with_capacity(weeks: usize, employees: usize) -> Result<Self, SignalError> {
        if weeks == 0 {
            return Err(SignalError::NoWeeks);
        }
        let cap = weeks.saturating_mul(employees);
        Ok(Self {
            weeks,
            employees: Vec::with_capacity(employees),
            columns: std::array::from_fn(|_| Vec::with_capacity(cap)),
        })
    }

    /// A panel from whole columns (row-major by employee), validating every value.
    /// Duplicate employees are rejected.
    ///
    /// # Errors
    ///
    /// [`SignalError::NoWeeks`], [`SignalError::WrongColumnLength`],
    /// [`SignalError::OutOfRange`] naming the employee, week and signal, or
    /// [`SignalError::DuplicateEmployee`].
    pub fn from_columns(
        weeks: usize,
        employees: Vec<EmployeeId>,
        columns: [Vec<f32>; Signal::COUNT],
    ) -> Result<Self, SignalError> {
        if weeks == 0 {
            return Err(SignalError::NoWeeks);
        }
        let expected = employees.len().saturating_mul(weeks);
        for (signal, column) in Signal::ALL.iter().zip(&columns) {
            if column.len() != expected {
                return Err(SignalError::WrongColumnLength {
                    signal: *signal,
                    expected,
                    got: column.len(),
                });
            }
            // A branch-free sweep first (it vectorises); the position only on failure.
            let max = signal.max_weekly();
            let all_in_range = column
                .chunks(1024)
                .all(|c| c.iter().fold(true, |ok, &v| ok & (v >= 0.0) & (v <= max)));
            if !all_in_range
                && let Some(i) = column.iter().position(|v| !in_range(*signal, *v))
                && let Some(&employee) = employees.get(i / weeks)
            {
                return Err(SignalError::OutOfRange {
                    employee,
                    week: i % weeks,
                    signal: *signal,
                    value: column[i],
                    max: signal.max_weekly(),
                });
            }
        }
        if let Some(employee) = remit_core::duplicates::first_duplicate(employees.iter().copied()) {
            return Err(SignalError::DuplicateEmployee { employee });
        }
        Ok(Self {
            weeks,
            employees,
            columns,
        })
    }

    /// Appends one employee's weeks.
    ///
    /// Duplicates are not checked here (that would cost a lookup per row); use
    /// [`SignalPanel::from_columns`] when the input may repeat an employee.
    ///
    /// # Errors
    ///
    /// [`SignalError::WrongWeekCount`].
    pub fn push(&mut self, employee: EmployeeId, weeks: &[WeekSignals]) -> Result<(), SignalError> {
        if weeks.len() != self.weeks {
            return Err(SignalError::WrongWeekCount {
                employee,
                expected: self.weeks,
                got: weeks.len(),
            });
        }
        for (s, column) in self.columns.iter_mut().enumerate() {
            column.extend(weeks.iter().map(|w| w.values[s]));
        }
        self.employees.push(employee);
        Ok(())
    }

    /// The number of weeks.
    pub fn weeks(&self) -> usize {
        self.weeks
    }

    /// The employees, in row order.
    pub fn employees(&self) -> &[EmployeeId] {
        &self.employees
    }

    /// The number of employees.
    pub fn len(&self) -> usize {
        self.employees.len()
    }

    /// Whether the panel has no employees.
    pub fn is_empty(&self) -> bool {
        self.employees.is_empty()
    }

    /// A whole column, row-major by employee.
    pub fn column(&self, signal: Signal) -> &[f32] {
        &self.columns[signal.index()]
    }

    /// One employee's weekly series of one signal.
    pub fn series(&self, row: usize, signal: Signal) -> Option<&[f32]> {
        let start = row.checked_mul(self.weeks)?;
        self.columns[signal.index()].get(start..start + self.weeks)
    }

    /// One employee's mean weekly value of one signal.
    pub fn mean(&self, row: usize, signal: Signal) -> Option<f32> {
        self.series(row, signal)
            .map(|s| s.iter().sum::<f32>() / self.weeks as f32)
    }

    /// One employee's mean of every signal, in [`Signal::ALL`] order.
    pub fn means(&self, row: usize) -> Option<[f32; Signal::COUNT]> {
        let start = row.checked_mul(self.weeks)?;
        let end = start.checked_add(self.weeks)?;
        let mut out = [0.0f32; Signal::COUNT];
        for (o, column) in out.iter_mut().zip(&self.columns) {
            *o = column.get(start..end)?.iter().sum::<f32>() / self.weeks as f32;
        }
        Some(out)
    }
}

/// Where each weekly signal becomes unhealthy.
///
/// The signals follow the Microsoft Viva Insights metric definitions (collaboration,
/// meeting and after-hours collaboration hours, uninterrupted focus blocks of at least
/// one hour) plus the time-zone burden that lands on remote staff far from headquarters:
/// meetings outside the employee's **own** local working hours.
///
/// # Default thresholds
///
/// | signal | unhealthy when | source |
/// |---|---|---|
/// | collaboration hours | > 20 h/week | Viva "collaboration overload" |
/// | focus hours | < 10 h/week | Viva "find time to finish work" |
/// | after-hours collaboration | > 1 h/week | Viva "help employees disconnect" (see below) |
/// | meeting hours | > 15 h/week | design choice (no published line) |
/// | weekend hours | > 1 h/week | design choice (Viva treats any weekend activity as breaking quiet time; 1 h ignores a quick check) |
/// | back-to-back meetings | > 5 /week | design choice, motivated by Microsoft's Human Factors Lab break study |
/// | meetings outside own working hours | > 2 /week | design choice |
/// | days off | < 2 per 12 weeks | design choice |
///
/// **After-hours: 1 h, not 3 h.** Microsoft's wellbeing page headlines "more than three
/// hours per week" but its calculation row says "more than one hour". We follow the
/// calculation row: it is the operational definition the product computes, it matches
/// the lowest bucket edge of Viva's own distribution (< 1 h, 1–5 h, > 5 h) and Viva's
/// "quiet hours" rule (activity in more than one one-hour period breaks it), and for an
/// early-warning tool the stricter line is the safer default. Every threshold is
/// configurable.
///
/// ```
/// use remit_wellbeing::{Signal, SignalThresholds};
/// let t = SignalThresholds::default().with(Signal::AfterHoursHours, 3.0)?; // Viva's headline line
/// assert!(t.is_unhealthy(Signal::AfterHoursHours, 3.5));
/// assert!(!t.is_unhealthy(Signal::AfterHoursHours, 2.0));
/// assert!(t.is_unhealthy(Signal::FocusHours, 8.0)); // focus is unhealthy when low
/// # Ok::<(), remit_wellbeing::SignalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SignalThresholdsFields"))]
pub struct SignalThresholds {
    /// Per signal, weekly; days off is per 12 weeks.
    lines: [f32; Signal::COUNT],
}

/// The fields of [`SignalThresholds`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct SignalThresholdsFields {
    lines: [f32; Signal::COUNT],
}

#[cfg(feature = "serde")]
impl TryFrom<SignalThresholdsFields> for SignalThresholds {
    type Error = SignalError;

    fn try_from(f: SignalThresholdsFields) -> Result<Self, Self::Error> {
        Signal::ALL
            .iter()
            .zip(f.lines)
            .try_fold(SignalThresholds::default(), |t, (signal, line)| {
                t.with(*signal, line)
            })
    }
}

impl SignalThresholds {
    /// Whether low values (not high ones) are the unhealthy side of a signal.
    pub const fn low_is_unhealthy(signal: Signal) -> bool {
        matches!(signal, Signal::FocusHours | Signal::DaysOff)
    }

    /// The line for one signal (days off: per 12 weeks).
    pub fn get(&self, signal: Signal) -> f32 {
        self.lines[signal.index()]
    }

    /// Replaces one line.
    ///
    /// # Errors
    ///
    /// [`SignalError::InvalidThreshold`] for a negative or non-finite value.
    pub fn with(mut self, signal: Signal, value: f32) -> Result<Self, SignalError> {
        if !(value.is_finite() && value >= 0.0) {
            return Err(SignalError::InvalidThreshold { signal, value });
        }
        self.lines[signal.index()] = value;
        Ok(self)
    }

    /// Whether a weekly value (days off: per 12 weeks) is past the line.
    pub fn is_unhealthy(&self, signal: Signal, value: f32) -> bool {
        let line = self.get(signal);
        if Self::low_is_unhealthy(signal) {
            value < line
        } else {
            value > line
        }
    }
}

impl Default for SignalThresholds {
    fn default() -> Self {
        let mut lines = [0.0; Signal::COUNT];
        lines[Signal::MeetingHours.index()] = 15.0;
        lines[Signal::CollaborationHours.index()] = 20.0;
        lines[Signal::AfterHoursHours.index()] = 1.0;
        lines[Signal::WeekendHours.index()] = 1.0;
        lines[Signal::FocusHours.index()] = 10.0;
        lines[Signal::BackToBackMeetings.index()] = 5.0;
        lines[Signal::OutOfHoursMeetings.index()] = 2.0;
        lines[Signal::DaysOff.index()] = 2.0;
        Self { lines }
    }
}
