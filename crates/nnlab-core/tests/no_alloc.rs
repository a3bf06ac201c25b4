//! A training step allocates nothing: after the first iteration (which
//! sizes the scratch buffers), `Trainer::step` runs on the memory it has.
//! Counted with a global allocator that counts this thread's allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use nnlab_core::{config::link, Trainer};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    COUNT.with(Cell::get)
}

#[test]
fn training_steps_allocate_nothing() {
    // The counter counts.
    assert_eq!(allocations(|| drop(std::hint::black_box(vec![1u8; 10]))), 1);
    for query in [
        "preset=init-he",
        "preset=reg-l2",
        "preset=reg-dropout",
        "preset=reg-dropout&mask=fresh",
        "preset=init-he&layers=7,3,5&n=203",
    ] {
        let config = link::parse(query).unwrap().config;
        let mut t = Trainer::new(config).unwrap();
        t.step(1);
        // Crosses checkpoints (every 1000) and the history's first thinning
        // (at 2048 points).
        let n = allocations(|| {
            t.step(5000);
        });
        assert_eq!(n, 0, "{query}: {n} allocations in 5000 steps");
        assert_eq!(t.iteration(), 5001);
    }
}
