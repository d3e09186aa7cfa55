// A to-do list driven by an enum of commands: `match` with bindings and
// guards, a `Vec<Task>` changed by `retain` and `iter_mut`, and an
// `Option` from `position`.
#[derive(Debug, Clone, PartialEq)]
enum Status { Open, Done }

#[derive(Debug)]
struct Task { id: u32, title: String, status: Status }

enum Command {
    Add(String),
    Finish(u32),
    Remove(u32),
    Rename { id: u32, title: String },
    Clear,
}

fn apply(tasks: &mut Vec<Task>, next_id: &mut u32, cmd: Command) -> String {
    match cmd {
        Command::Add(title) => {
            *next_id += 1;
            tasks.push(Task { id: *next_id, title, status: Status::Open });
            format!("added {}", next_id)
        }
        Command::Finish(id) => match tasks.iter_mut().find(|t| t.id == id) {
            Some(t) if t.status == Status::Done => format!("{} already done", id),
            Some(t) => { t.status = Status::Done; format!("finished {}", t.title) }
            None => format!("no task {}", id),
        },
        Command::Remove(id) => match tasks.iter().position(|t| t.id == id) {
            Some(i) => { let t = tasks.remove(i); format!("removed {}", t.title) }
            None => String::from("nothing removed"),
        },
        Command::Rename { id, title } => {
            for t in tasks.iter_mut() {
                if t.id == id { t.title = title.clone(); }
            }
            format!("renamed {} to {}", id, title)
        }
        Command::Clear => {
            let before = tasks.len();
            tasks.retain(|t| t.status != Status::Done);
            format!("cleared {}", before - tasks.len())
        }
    }
}

fn main() {
    let mut tasks = Vec::new();
    let mut next = 0;
    let cmds = vec![
        Command::Add("shop".to_string()), Command::Add("cook".to_string()),
        Command::Add("wash".into()), Command::Finish(2), Command::Finish(2),
        Command::Rename { id: 1, title: "buy food".to_string() },
        Command::Remove(3), Command::Remove(9), Command::Clear,
    ];
    for c in cmds {
        println!("{}", apply(&mut tasks, &mut next, c));
    }
    println!("{:?}", tasks);
}
