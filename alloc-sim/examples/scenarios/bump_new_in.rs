// A bump arena (bumpalo's Bump) gets its chunks from the global allocator —
// 496 bytes first, then doubling — and hands out memory inside them by
// bumping a pointer down. A Vec in the arena grows by bumping further down
// while it is the newest block (bumpalo copies it down, with no new chunk);
// dropping the Bump frees every chunk at once.
use bumpalo::Bump;

fn main() {
    let bump = Bump::new();
    let x = bump.alloc(7u64);
    let mut v = Vec::new_in(&bump);
    for i in 0..40 {
        v.push(i as u32);
    }
    let y = bump.alloc([1u8; 100]);
    println!("x = {}, v.len() = {}, y[0] = {}", x, v.len(), y[0]);
    drop(v);
    drop(bump);
}
