//! MT19937, the Mersenne Twister behind NumPy's legacy generator, written
//! once for every draw: [`crate::numeric::rng::NumpyRng`] takes its words one
//! by one, dropout masks take them in pairs a block at a time.

/// Words per state block.
pub const N: usize = 624;
const M: usize = 397;

/// MT19937 (`init_genrand`, then `genrand_int32`'s 32-bit outputs),
/// produced 624 at a time: the twist and the tempering run as loops over
/// the whole state, which the compiler vectorises (a generator twisting
/// word by word re-tests its index on every call). Dropout draws thousands
/// of words per iteration.
#[derive(Clone)]
pub struct Mt19937 {
    state: [u32; N],
    /// The tempered outputs of the current state.
    out: [u32; N],
    /// The next unread output (`N`: twist first).
    pos: usize,
}

impl core::fmt::Debug for Mt19937 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Mt19937").field("pos", &self.pos).finish()
    }
}

impl Mt19937 {
    /// A generator after `init_genrand(seed)`.
    pub fn new(seed: u32) -> Self {
        let mut mt = Mt19937 {
            state: [0; N],
            out: [0; N],
            pos: N,
        };
        mt.seed(seed);
        mt
    }

    /// `init_genrand(seed)`.
    pub fn seed(&mut self, seed: u32) {
        self.state[0] = seed;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.pos = N;
    }

    /// The next 624 states (the reference `twist` with its `% N` split
    /// into three loops), tempered into `out`.
    fn refill(&mut self) {
        #[inline(always)]
        fn mix(hi: u32, lo: u32, far: u32) -> u32 {
            let y = (hi & 0x8000_0000) | (lo & 0x7fff_ffff);
            far ^ (y >> 1) ^ ((y & 1).wrapping_neg() & 0x9908_b0df)
        }
        let s = &mut self.state;
        for i in 0..N - M {
            s[i] = mix(s[i], s[i + 1], s[i + M]);
        }
        for i in N - M..N - 1 {
            s[i] = mix(s[i], s[i + 1], s[i + M - N]);
        }
        s[N - 1] = mix(s[N - 1], s[0], s[M - 1]);
        for (o, &y) in self.out.iter_mut().zip(s.iter()) {
            let mut y = y;
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c_5680;
            y ^= (y << 15) & 0xefc6_0000;
            y ^= y >> 18;
            *o = y;
        }
        self.pos = 0;
    }

    /// The next 32-bit output (`genrand_int32`).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.pos == N {
            self.refill();
        }
        let y = self.out[self.pos];
        self.pos += 1;
        y
    }

    /// `out[j] = f(a, b)` in order, `a` and `b` the next two outputs: the
    /// same words as two [`Mt19937::next_u32`] calls per entry, taken a
    /// block at a time (a loop `f` can vectorise).
    #[inline]
    pub fn fill_pairs<T>(&mut self, out: &mut [T], f: impl Fn(u32, u32) -> T) {
        let mut rest = out;
        while !rest.is_empty() {
            if self.pos == N {
                self.refill();
            }
            // Whole pairs of this block's outputs (the position is even
            // whenever only pairs are drawn).
            let pairs = ((N - self.pos) / 2).min(rest.len());
            let (now, later) = rest.split_at_mut(pairs);
            let words = &self.out[self.pos..self.pos + 2 * pairs];
            for (v, ab) in now.iter_mut().zip(words.chunks_exact(2)) {
                *v = f(ab[0], ab[1]);
            }
            self.pos += 2 * pairs;
            rest = later;
            if pairs == 0 {
                // One word left in this block: a pair across blocks.
                let a = self.next_u32();
                let b = self.next_u32();
                rest[0] = f(a, b);
                rest = &mut rest[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator's published check value (also the C++ standard's
    /// requirement on `std::mt19937`): the 10000th output for the default
    /// seed 5489 is 4123659995. It crosses 16 block twists.
    #[test]
    fn ten_thousandth_output_is_the_published_value() {
        let mut mt = Mt19937::new(5489);
        let last = (0..10_000).map(|_| mt.next_u32()).last();
        assert_eq!(last, Some(4_123_659_995));
    }

    #[test]
    fn pairs_are_the_words_in_order_across_blocks() {
        for skip in [0, 1, N - 1, N + 2] {
            let mut pairs = Mt19937::new(7);
            let mut words = Mt19937::new(7);
            for _ in 0..skip {
                assert_eq!(pairs.next_u32(), words.next_u32());
            }
            let mut got = vec![(0, 0); 700];
            pairs.fill_pairs(&mut got, |a, b| (a, b));
            for (j, &g) in got.iter().enumerate() {
                assert_eq!(
                    g,
                    (words.next_u32(), words.next_u32()),
                    "skip {skip}, pair {j}"
                );
            }
        }
    }
}
