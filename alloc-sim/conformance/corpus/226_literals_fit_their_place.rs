// Unsuffixed literals take the type of the place they go to, and fit it at
// its very ends: a negated literal is what must fit (`-128` is an i8), a
// literal assigned to a binding, a field or a Vec's element is of that
// binding's, field's or element's type, and a literal operand is of the
// other operand's type. A literal bound with no type written takes the
// type of the place the binding goes to: an argument, a field, a returned
// value, an element of a typed array or `vec!`, a format macro's argument;
// so does every literal assigned to the binding later. A literal stored
// through a reference or in an array's element is of what is there. (Each
// of these one past its end is refused, as rustc refuses it: see
// `tests/refusals.rs`.)
struct Pixel {
    level: u8,
    offset: i8,
}

fn widest(n: u16) -> u16 {
    let top = 65535;
    if n > 0 {
        return top;
    }
    n
}

fn main() {
    let low: i8 = -128;
    let also_low: i16 = -(32768);
    let mut z: u8 = 0;
    z = 255;
    z -= 1;
    let next = z + 1;
    let mut v: Vec<u8> = vec![1];
    v[0] = 255;
    v.push(0);
    let mut p = Pixel { level: 0, offset: 0 };
    p.level = 255;
    p.offset = -128;
    let sum = -5 + 3;
    let min: i64 = -9223372036854775808;
    let shifted = z >> 7;
    println!("{low} {also_low} {z} {next} {v:?} {} {} {sum} {min} {shifted}", p.level, p.offset);
    let full = 255;
    let floor = -128;
    let q = Pixel { level: full, offset: floor };
    let w = widest(1);
    println!("{} {} {w}", q.level, q.offset);
    let mut grow = 0;
    grow = 65535;
    let edge: u16 = grow;
    grow -= 1;
    let row = 255;
    let bytes: Vec<u8> = vec![row, 0];
    let signed: [i8; 2] = [floor; 2];
    println!("{edge} {grow} {bytes:?} {signed:?} {n}", n = widest(grow));
    let mut cell: u8 = 0;
    let r = &mut cell;
    *r = 255;
    let mut table = [[0u16; 2]; 2];
    let i = 1;
    table[i][0] = 65535;
    println!("{cell} {table:?}");
}
