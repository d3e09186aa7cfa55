// Moving a heap value out of a field: the field is moved, the rest of the
// value is dropped without it. A linked stack whose pop hands back the
// String of the node it frees (the Box goes, the String lives on), a
// struct taken apart by value, and methods called on the elements of a
// Vec of plain structs, one of them changing its element in place.
struct Node {
    name: String,
    next: Option<Box<Node>>,
}

struct Stack {
    head: Option<Box<Node>>,
    len: usize,
}

impl Stack {
    fn new() -> Self {
        Stack { head: None, len: 0 }
    }
    fn push(&mut self, name: String) {
        let next = self.head.take();
        self.head = Some(Box::new(Node { name, next }));
        self.len += 1;
    }
    fn pop(&mut self) -> Option<String> {
        match self.head.take() {
            Some(node) => {
                self.head = node.next;
                self.len -= 1;
                Some(node.name)
            }
            None => None,
        }
    }
}

struct Job {
    title: String,
    tags: Vec<String>,
    owner: String,
}

fn title_of(job: Job) -> String {
    let t = job.title;
    println!("dropping the rest of the job");
    t
}

fn into_parts(job: Box<Job>) -> (String, Vec<String>) {
    let owner = job.owner;
    println!("owner {owner}");
    (job.title, job.tags)
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    w: u32,
    h: u32,
}

impl Rect {
    fn area(&self) -> u32 {
        self.w * self.h
    }
    fn widen(&mut self, by: u32) {
        self.w += by;
    }
    fn square(self) -> Rect {
        Rect { w: self.w, h: self.w }
    }
}

fn main() {
    let mut stack = Stack::new();
    for w in ["alloc", "realloc", "dealloc"] {
        stack.push(w.to_string());
    }
    while let Some(name) = stack.pop() {
        println!("popped {name}, {} left", stack.len);
    }

    let job = Job {
        title: String::from("compile"),
        tags: vec!["rust".to_string(), "wasm".to_string()],
        owner: "ci".to_string(),
    };
    let title = title_of(job);
    println!("kept {title}");

    let boxed = Box::new(Job {
        title: "test".to_string(),
        tags: vec!["e2e".to_string()],
        owner: "bot".to_string(),
    });
    let (t, tags) = into_parts(boxed);
    println!("{t} {:?}", tags);

    let mut rects = vec![Rect { w: 2, h: 3 }, Rect { w: 4, h: 5 }];
    println!("areas {} {}", rects[0].area(), rects[1].area());
    rects[0].widen(10);
    let sq = rects[1].square();
    println!("{:?} {:?} {}", rects, sq, rects.iter().map(|r| r.area()).sum::<u32>());
}
