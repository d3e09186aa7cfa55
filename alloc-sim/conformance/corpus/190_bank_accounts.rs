// A student's bank: a struct with an `impl` block, methods that return
// `Result<(), String>` and pass errors through `?`, a `Vec<Account>`
// searched with `iter_mut().find` and `ok_or_else`, and a report built with `format!`.
#[derive(Debug)]
struct Account {
    owner: String,
    balance: i64,
    history: Vec<String>,
}

impl Account {
    fn new(owner: &str) -> Self {
        Account { owner: owner.to_string(), balance: 0, history: Vec::new() }
    }
    fn deposit(&mut self, amount: i64) {
        self.balance += amount;
        self.history.push(format!("+{}", amount));
    }
    fn withdraw(&mut self, amount: i64) -> Result<(), String> {
        if amount > self.balance {
            return Err(format!("{} cannot withdraw {}", self.owner, amount));
        }
        self.balance -= amount;
        self.history.push(format!("-{}", amount));
        Ok(())
    }
}

fn transfer(accounts: &mut Vec<Account>, from: &str, amount: i64) -> Result<i64, String> {
    let acc = accounts
        .iter_mut()
        .find(|a| a.owner == from)
        .ok_or_else(|| format!("no account {}", from))?;
    acc.withdraw(amount)?;
    Ok(acc.balance)
}

fn main() {
    let mut accounts = Vec::new();
    accounts.push(Account::new("ann"));
    accounts.push(Account::new("bob"));
    accounts[0].deposit(100);
    accounts[1].deposit(30);
    println!("{:?}", transfer(&mut accounts, "ann", 40));
    println!("{:?}", transfer(&mut accounts, "bob", 50));
    println!("{:?}", transfer(&mut accounts, "cid", 1));
    for a in &accounts {
        println!("{}: {} [{}]", a.owner, a.balance, a.history.join(", "));
    }
    println!("{:?}", accounts[1]);
}
