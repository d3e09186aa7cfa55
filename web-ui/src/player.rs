//! Playing through the calls by themselves: a hook shared by the
//! playground and every live scenario of a lesson.

use yew::prelude::*;

use crate::state::{Action, Playground, Seek};

/// Whether the calls are playing and how fast (milliseconds per call).
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    /// Playing now.
    pub playing: UseStateHandle<bool>,
    /// Milliseconds per call.
    pub speed: UseStateHandle<u32>,
}

/// One call forward per tick while playing; stops by itself at the end.
#[hook]
pub fn use_player(state: &UseReducerHandle<Playground>) -> Player {
    let playing = use_state(|| false);
    let speed = use_state(|| 400u32);
    let (dispatcher, playing_now) = (state.dispatcher(), playing.clone());
    let at_end = state.cursor >= state.steps();
    use_effect_with((*playing, *speed, at_end), move |&(on, ms, at_end)| {
        if on && at_end {
            playing_now.set(false);
        }
        let interval = (on && !at_end).then(|| {
            gloo::timers::callback::Interval::new(ms, move || {
                dispatcher.dispatch(Action::Seek(Seek::Forward))
            })
        });
        move || drop(interval)
    });
    Player { playing, speed }
}

impl Player {
    /// Start or stop.
    pub fn on_play(&self) -> Callback<bool> {
        let playing = self.playing.clone();
        Callback::from(move |on| playing.set(on))
    }

    /// Change the speed.
    pub fn on_speed(&self) -> Callback<u32> {
        let speed = self.speed.clone();
        Callback::from(move |ms| speed.set(ms))
    }
}
