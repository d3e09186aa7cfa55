// allocscope's embeddable player: the <allocscope-player> element.
//
//   <script type="module" src="allocscope/player.js"></script>
//   <allocscope-player strategies="first-fit,jemalloc" heap="4KiB">fn main() {
//       let v: Vec<u32> = Vec::with_capacity(4);
//   }</allocscope-player>
//
// Each element becomes a live scenario, as a lesson's ```scenario block is:
// the code, the stepper, the heap maps, the call log and the metrics.
// Its attributes are the block's options (strategies, heap, step, panes,
// settings="placement=best", readonly). The program may sit in a
// <script type="text/rust"> inside the element, where `Vec<u32>` needs no
// escaping. Every file the player needs sits
// beside this script, and nothing is fetched from anywhere else. Its view
// lives in a shadow root, so the page's styles and the player's stay apart.
import init, { mount } from './allocscope_player.js';

const base = new URL('./', import.meta.url).href;
let started = null;
let count = 0;

function start() {
  started ??= init({ module_or_path: new URL('allocscope_player_bg.wasm', base) });
  return started;
}

function stylesheet(name) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(name, base).href;
  return link;
}

class AllocscopePlayer extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    // The program: in a <script type="text/rust"> child (whose text the
    // browser leaves as written, `<` and all), or the element's own text.
    const script = this.querySelector('script[type="text/rust"]');
    const code = script ? script.textContent : this.textContent;
    const root = this.attachShadow({ mode: 'open' });
    const host = document.createElement('div');
    host.className = 'player-host';
    host.textContent = 'Loading allocscope…';
    root.append(stylesheet('style.css'), stylesheet('player.css'), host);
    const attr = (name) => this.getAttribute(name) ?? undefined;
    start()
      .then(() => {
        host.textContent = '';
        this.mounted = mount(host, code, attr('strategies'), attr('heap'), attr('step'),
          attr('panes'), attr('settings'), this.hasAttribute('readonly'), base, `p${count++}-`);
      })
      .catch((e) => {
        host.textContent = `allocscope could not start here: ${e}. `
          + 'Browsers run WebAssembly only from a web server (not from a file opened from disk).';
        host.className = 'player-host banner error';
      });
  }

  disconnectedCallback() {
    this.mounted?.unmount();
    this.mounted = undefined;
  }
}

if (!customElements.get('allocscope-player')) {
  customElements.define('allocscope-player', AllocscopePlayer);
}
