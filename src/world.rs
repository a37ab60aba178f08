//! The world counter and world ranges.
//!
//! Every definition or deletion of a method bumps the global world by one; a method is
//! visible in `[min_world, max_world]`, and every lookup answer carries the range of
//! worlds over which it stays true ([`WorldRange`], with `max: None` while it holds for
//! every later world so far). Worlds start at 0 (no methods). Read `table/mod.rs` next.

use std::fmt;

/// A world age: the number of definitions and deletions made so far.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct World(pub u64);

impl fmt::Display for World {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The worlds over which an answer (or a method) is valid: `[min, max]`, where `max:
/// None` means "every world from `min` on, as far as is known now".
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct WorldRange {
    /// The first world.
    pub min: World,
    /// The last world; `None`: open (every world from `min` on, as far as is known now).
    pub max: Option<World>,
}

/// The raw encoding of an open upper bound in columns and atomics.
pub(crate) const OPEN: u64 = u64::MAX;

impl WorldRange {
    /// Every world.
    pub const ALL: WorldRange = WorldRange {
        min: World(0),
        max: None,
    };

    /// The range `[min, max]`.
    pub fn new(min: World, max: Option<World>) -> Self {
        WorldRange { min, max }
    }

    /// Whether `world` lies in the range.
    #[inline]
    pub fn contains(&self, world: World) -> bool {
        self.min <= world && self.max.is_none_or(|m| world <= m)
    }

    /// The intersection of two ranges (may be empty: `min > max`).
    pub fn intersect(&self, other: &WorldRange) -> WorldRange {
        let min = self.min.max(other.min);
        let max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        WorldRange { min, max }
    }

    /// The upper bound with `OPEN` for "no bound" (columns store it this way).
    #[inline]
    pub(crate) fn max_raw(&self) -> u64 {
        self.max.map_or(OPEN, |w| w.0)
    }

    #[inline]
    pub(crate) fn from_raw(min: u64, max: u64) -> Self {
        WorldRange {
            min: World(min),
            max: if max == OPEN { None } else { Some(World(max)) },
        }
    }
}

impl fmt::Display for WorldRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            Some(m) => write!(f, "[{}, {}]", self.min, m),
            None => write!(f, "[{}, ∞)", self.min),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: (u64, Option<u64>), b: (u64, Option<u64>), expect: &str) {
        let r = |(lo, hi): (u64, Option<u64>)| WorldRange::new(World(lo), hi.map(World));
        assert_eq!(r(a).intersect(&r(b)).to_string(), expect);
    }

    #[test]
    fn intersect_ranges() {
        check((1, None), (3, None), "[3, ∞)");
        check((1, Some(5)), (3, None), "[3, 5]");
        check((1, Some(5)), (0, Some(4)), "[1, 4]");
        check((0, None), (0, None), "[0, ∞)");
    }

    #[test]
    fn contains() {
        let r = WorldRange::new(World(2), Some(World(4)));
        assert!(!r.contains(World(1)) && r.contains(World(2)) && r.contains(World(4)));
        assert!(!r.contains(World(5)));
        assert!(WorldRange::new(World(2), None).contains(World(1000)));
    }
}
