// Ordering the program's own types: a struct with its own `Ord` (std's
// BinaryHeap documentation's Dijkstra state, cheapest first), structs and
// enums that derive it (fields in declaration order, variants by their
// discriminant), and `<` on strings and tuples.
use std::cmp::Ordering;
use std::collections::BinaryHeap;

#[derive(Copy, Clone, Eq, PartialEq, Debug)]
struct State {
    cost: usize,
    position: usize,
}

impl Ord for State {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .cost
            .cmp(&self.cost)
            .then_with(|| self.position.cmp(&other.position))
    }
}

impl PartialOrd for State {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Student {
    grade: u8,
    name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Priority {
    Low = 3,
    High = 1,
    Medium = 2,
}

fn shortest(edges: &Vec<Vec<(usize, usize)>>, start: usize, goal: usize) -> Option<usize> {
    let mut dist: Vec<usize> = (0..edges.len()).map(|_| usize::MAX).collect();
    let mut heap = BinaryHeap::new();
    dist[start] = 0;
    heap.push(State { cost: 0, position: start });
    while let Some(State { cost, position }) = heap.pop() {
        if position == goal {
            return Some(cost);
        }
        if cost > dist[position] {
            continue;
        }
        for &(next, weight) in &edges[position] {
            let candidate = State { cost: cost + weight, position: next };
            if candidate.cost < dist[next] {
                heap.push(candidate);
                dist[next] = candidate.cost;
            }
        }
    }
    None
}

fn main() {
    let edges: Vec<Vec<(usize, usize)>> = vec![
        vec![(2, 10), (1, 1)],
        vec![(3, 2)],
        vec![(1, 1), (3, 3), (4, 1)],
        vec![(0, 7), (4, 2)],
        vec![],
    ];
    println!("0 -> 1: {:?}", shortest(&edges, 0, 1));
    println!("0 -> 4: {:?}", shortest(&edges, 0, 4));
    println!("4 -> 0: {:?}", shortest(&edges, 4, 0));

    let mut class = vec![
        Student { grade: 2, name: "Noor".to_string() },
        Student { grade: 1, name: "Ade".to_string() },
        Student { grade: 2, name: "Lin".to_string() },
    ];
    class.sort();
    for s in &class {
        println!("{} {}", s.grade, s.name);
    }
    let first = class.iter().max().unwrap();
    println!("last in order: {:?}", first);
    println!("{:?}", class.binary_search(&Student { grade: 2, name: "Lin".to_string() }));

    let mut todo = vec![Priority::Low, Priority::High, Priority::Medium, Priority::High];
    todo.sort();
    println!("{:?} {}", todo, Priority::Low > Priority::Medium);

    let a = String::from("apple");
    let b = String::from("apricot");
    println!("{} {} {}", a < b, (1, "b") < (1, "a"), Some(3) > None);
    let mut heap = BinaryHeap::from(class);
    heap.push(Student { grade: 3, name: "Zed".to_string() });
    println!("{:?}", heap.pop().map(|s| s.name));
}
