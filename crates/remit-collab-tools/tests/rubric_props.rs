//! Properties of async-suitability scoring on arbitrary tools and caller rubrics.

use proptest::prelude::*;
use remit_collab_tools::inventory::{Capability, Category, SyncLevel, Tool};
use remit_collab_tools::rubric::{Contribution, DefaultRubric, Rubric, score};
use remit_core::ToolId;

fn any_tool() -> impl Strategy<Value = Tool> {
    (0u32..(1 << 17), 0usize..5, 0usize..11).prop_map(|(bits, level, cat)| {
        let caps = Capability::ALL
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| bits & (1 << i) != 0)
            .map(|(_, c)| c);
        Tool::builder(ToolId::from_external("t"), "T", Category::ALL[cat])
            .sync_level(SyncLevel::ALL[level])
            .enable(caps)
            .build()
            .unwrap()
    })
}

/// A caller rubric with arbitrary (even hostile) weights.
struct Weights(Vec<(f64, f64)>);

impl Rubric for Weights {
    fn assess(&self, _: &Tool) -> Vec<Contribution> {
        self.0
            .iter()
            .filter_map(|&(p, m)| Contribution::new("w", "test", p, m).ok())
            .collect()
    }
}

proptest! {
    #[test]
    fn default_scores_are_in_range_and_sum_their_contributions(tool in any_tool()) {
        let s = score(&DefaultRubric, &tool);
        // The default criteria's maxima add up to 100, so the score is the points earned.
        let possible: f64 = s.contributions().iter().map(|c| c.max_points()).sum();
        prop_assert_eq!(possible, 100.0);
        let sum: f64 = s.contributions().iter().map(|c| c.points()).sum();
        prop_assert_eq!(f64::from(s.score()), sum.round());
        // A tool short of no criterion scores full marks.
        prop_assert_eq!(s.shortfalls().is_empty(), sum == 100.0);
    }

    #[test]
    fn caller_rubrics_never_panic_and_stay_in_range(
        tool in any_tool(),
        weights in proptest::collection::vec((any::<f64>(), any::<f64>()), 0..20),
    ) {
        let s = score(&Weights(weights), &tool);
        // The score is the earned share of the possible points, rounded once, and 0
        // when nothing (or nothing finite) is possible.
        let earned: f64 = s.contributions().iter().map(|c| c.points()).sum();
        let possible: f64 = s.contributions().iter().map(|c| c.max_points()).sum();
        if possible > 0.0 && possible.is_finite() && earned.is_finite() {
            let share = (earned / possible).clamp(0.0, 1.0);
            prop_assert!(
                (f64::from(s.score()) - 100.0 * share).abs() <= 0.5 + 1e-9,
                "score {} for {} of {} points", s.score(), earned, possible
            );
            if s.shortfalls().is_empty() {
                prop_assert_eq!(s.score(), 100);
            }
        } else {
            prop_assert_eq!(s.score(), 0);
        }
    }

    #[test]
    fn enabling_a_capability_never_lowers_the_default_score(tool in any_tool(), c in 0usize..17) {
        let more = Tool::builder(tool.id(), tool.name(), tool.category())
            .sync_level(tool.sync_level())
            .enable(tool.enabled().iter())
            .enable([Capability::ALL[c]])
            .build()
            .unwrap();
        prop_assert!(score(&DefaultRubric, &more).score() >= score(&DefaultRubric, &tool).score());
    }
}

#[test]
fn a_caller_rubric_replaces_the_default() {
    struct SyncOnly;
    impl Rubric for SyncOnly {
        fn assess(&self, tool: &Tool) -> Vec<Contribution> {
            let p = if tool.sync_level() == SyncLevel::Synchronous {
                1.0
            } else {
                0.0
            };
            vec![Contribution::new("sync", "caller", p, 1.0).unwrap()]
        }
    }
    let call = Tool::builder(ToolId::from_external("v"), "Video", Category::Video)
        .sync_level(SyncLevel::Synchronous)
        .build()
        .unwrap();
    assert_eq!(score(&DefaultRubric, &call).score(), 0);
    let s = score(&SyncOnly, &call);
    assert_eq!(s.score(), 100);
    assert_eq!(s.contributions().len(), 1);
    assert_eq!(s.contributions()[0].criterion(), "sync");
}
