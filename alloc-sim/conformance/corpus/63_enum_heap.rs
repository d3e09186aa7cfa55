// An enum whose variants own heap data: a String, or a Vec of more messages.
enum Message {
    Quit,
    Write(String),
    Move { x: i32, y: i32 },
    Batch(Vec<Message>),
}

fn describe(m: &Message, depth: usize) {
    let pad = " ".repeat(depth * 2);
    match m {
        Message::Quit => println!("{}quit", pad),
        Message::Write(text) => println!("{}write {:?} ({} bytes)", pad, text, text.len()),
        Message::Move { x, y } => println!("{}move to ({}, {})", pad, x, y),
        Message::Batch(items) => {
            println!("{}batch of {}", pad, items.len());
            for item in items {
                describe(item, depth + 1);
            }
        }
    }
}

fn main() {
    let mut inbox: Vec<Message> = Vec::new();
    inbox.push(Message::Write(String::from("hello")));
    inbox.push(Message::Move { x: 3, y: -4 });
    let inner = vec![Message::Write("nested".to_string()), Message::Quit];
    inbox.push(Message::Batch(inner));
    for m in &inbox {
        describe(m, 0);
    }
    let first = inbox.remove(0);
    if let Message::Write(mut text) = first {
        text.push_str(", world");
        println!("moved out: {}", text);
    }
    println!("{} left in inbox", inbox.len());
    drop(inbox);
    println!("inbox dropped");
}
