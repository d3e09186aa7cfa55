// A learner's path through a lesson, in headless Chromium against the
// release build: open lesson 3 from the index, step its scenario, answer
// its quiz, solve an exercise by typing the solution, reload, and find the
// progress kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, shot, settled, fillCode, codeOf } from './browser.mjs';
import { useApp } from './app_setup.mjs';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = useApp();

const SOLUTION = `fn main() {
    let mut v: Vec<u32> = Vec::with_capacity(100);
    for i in 0..100 {
        v.push(i);
    }
}`;

test('lesson 3: step, answer, solve, reload, keep the progress, reset', async () => {
  const { page, problems } = await open(app.browser, app.server.url);
  await page.click('nav.site >> text=Lessons');
  await page.waitForSelector('.lesson-list');
  assert.equal(await page.locator('.lesson-list > li').count(), 15);
  // Each lesson's link carries its number: the list adds none of its own.
  assert.equal(await page.locator('.lesson-list > li').first().evaluate((li) => getComputedStyle(li).listStyleType), 'none');
  await shot(page, '10-lessons-index');

  await page.click('.lesson-list >> text=3. Box and Vec');
  await settled(page);
  await page.waitForSelector('#lesson-title');
  assert.equal(await page.textContent('#lesson-title'), '3. Box and Vec');
  assert.match(page.url(), /#lesson\/03-box-and-vec$/);
  assert.match(await page.textContent('#lesson-progress'), /Quizzes answered: 0 of 2 · exercises solved: 0 of 2/);

  // The scenario starts before its first call (the runtime's two calls
  // before main come first). The quiz below asks what the first realloc
  // asks for: until it is answered, the scenario stops just before that
  // call, and its log hides it and everything after.
  assert.equal(await page.textContent('#s0-position'), 'call 0 of 3');
  for (let i = 0; i < 5; i++) await page.click('#s0-forward');
  assert.equal(await page.textContent('#s0-position'), 'call 3 of 3');
  assert.doesNotMatch(await page.textContent('#s0-call-log'), /realloc/);
  assert.match(await page.textContent('#s0-held'), /hidden until you answer the quiz below/);
  await shot(page, '11-lesson-scenario');

  // Predict, then reveal: the simulation says 32, and the scenario moves
  // onto the realloc it asked about, the whole run open again.
  await page.check('#q0-choice-1');
  await page.click('#q0-check');
  await page.waitForSelector('#q0-reveal');
  assert.match(await page.textContent('#q0-reveal'), /^Right\. You said 32; the simulation gives 32\./);
  await page.waitForFunction(() => document.querySelector('#s0-position').textContent === 'call 4 of 9');
  assert.match(await page.textContent('#s0-call-log > li.current'), /realloc\(0x[0-9a-f]+, Layout \{ size: 16, align: 4 \}, 32\)/);
  assert.equal(await page.locator('#s0-held').count(), 0);
  // The second quiz asks about a program of its own: it is shown above
  // the question, its run (which would answer it) only after answering.
  assert.match(await page.textContent('#q1-s-live'), /Box::new\(\(\)\)/);
  assert.equal(await page.locator('#q1-s-call-log').count(), 0);
  // The number question: a wrong guess is told the simulation's answer,
  // and can be tried again.
  await page.fill('#q1-number', '2');
  await page.click('#q1-check');
  assert.match(await page.textContent('#q1-reveal'), /^Not quite\. You said 2; the simulation gives 0\./);
  await page.click('#q1-retry');
  await page.waitForSelector('#q1-reveal', { state: 'detached' });
  assert.equal(await page.inputValue('#q1-number'), '');
  assert.match(await page.textContent('#lesson-progress'), /Quizzes answered: 1 of 2/);
  await page.fill('#q1-number', '0');
  await page.click('#q1-check');
  assert.match(await page.textContent('#q1-reveal'), /^Right\. You said 0; the simulation gives 0\./);
  await settled(page);
  // Its run, now shown: the runtime's two calls, none of the program's.
  assert.equal(await page.locator('#q1-s-call-log > li.implicit').count(), 2);
  assert.equal(await page.locator('#q1-s-call-log > li:not(.implicit)').count(), 0);

  // The first exercise: the start misses a goal, the typed solution meets both.
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /Not yet\.[\s\S]*✗ reallocs == 0 — reallocs is 5/);
  // The run as checked is under the goals: its log has the five reallocs.
  assert.equal(await page.locator('#e0-run-call-log > li', { hasText: 'realloc(' }).count(), 5);
  await fillCode(page, '#e0-code', SOLUTION);
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /Solved: every goal holds\.[\s\S]*✓ allocations == 1 — allocations is 1/);
  assert.match(await page.textContent('#lesson-progress'), /Quizzes answered: 2 of 2 · exercises solved: 1 of 2/);
  await shot(page, '12-lesson-solved');

  // Reload: answers, the solved exercise and its code are still there.
  await page.reload();
  await page.waitForSelector('#lesson-title');
  assert.match(await page.textContent('#lesson-progress'), /Quizzes answered: 2 of 2 · exercises solved: 1 of 2/);
  assert.match(await page.textContent('#q0-reveal'), /^Right\./);
  assert.equal(await codeOf(page, '#e0-code'), SOLUTION);
  assert.match(await page.textContent('#e0-exercise h3'), /✓$/);

  // The index shows it too.
  await page.click('.crumbs >> text=All lessons');
  assert.match(await page.textContent('.lesson-list > li:nth-child(3)'), /1 of 2 exercises solved · 2 of 2 quizzes answered/);

  // Reset starts the lesson over.
  await page.click('.lesson-list >> text=3. Box and Vec');
  await settled(page);
  await page.click('#reset-lesson');
  await settled(page);
  assert.match(await page.textContent('#lesson-progress'), /Quizzes answered: 0 of 2 · exercises solved: 0 of 2/);
  assert.match(await codeOf(page, '#e0-code'), /Vec::new\(\)/);

  // The playground is one click away, as it was left.
  await page.click('nav.site >> text=Playground');
  await settled(page);
  await page.waitForSelector('#code');
  assert.deepEqual(problems, []);
});

test('every lesson opens without a console error, and a wrong lesson name says so', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lessons`);
  const links = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(links.length, 15);
  for (const href of links) {
    await page.goto(`${app.server.url}${href}`);
    await settled(page);
    await page.waitForSelector('#lesson-title');
    assert.ok((await page.locator('.exercise').count()) >= 2, href);
    assert.ok((await page.locator('.live').count()) >= 1, href);
    assert.ok((await page.locator('.quiz').count()) >= 1, href);
    await shot(page, `2${href.slice('#lesson/'.length)}`);
  }
  await page.goto(`${app.server.url}#lesson/99-nothing`);
  await settled(page);
  await page.waitForSelector('h1');
  assert.equal(await page.textContent('h1'), 'No such lesson');
  assert.deepEqual(problems, []);
});

test('lesson 11: the free list runs beside first fit, its quiz asks an address, and a split written by the learner solves the exercise', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lesson/11-a-free-list-of-your-own`);
  await page.waitForSelector('#lesson-title');
  await settled(page);
  assert.equal(await page.textContent('#lesson-title'), '11. A free list of your own');
  // Its allocator in a pane of its own, beside the built-in first fit.
  assert.deepEqual((await page.locator('.pane h3').allTextContents()).slice(0, 2), ['yours', 'first-fit']);
  // The address the merged hole gives: the simulation's answer.
  const choices = await page.locator('input[name="q0-choice"]').evaluateAll((is) => is.map((i) => i.value));
  await page.check(`#q0-choice-${choices.indexOf('0x1240')}`);
  await page.click('#q0-check');
  await page.waitForSelector('#q0-reveal');
  assert.match(await page.textContent('#q0-reveal'), /^Right\. You said 0x1240; the simulation gives 0x1240\./);
  // The start dies before main: the runtime's second block finds no hole.
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /Not yet\.[\s\S]*✗ outcome == ok — outcome is abort[\s\S]*✗ allocations == 3 — allocations is 0/);
  // The learner's split, typed in: solved.
  const md = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'lessons', '11-a-free-list-of-your-own.md'), 'utf8');
  const solution = md.split('--- solution\n')[1].split('\n```')[0];
  await fillCode(page, '#e0-code', solution);
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /Solved: every goal holds\.[\s\S]*✓ own_heap == yes/);
  await shot(page, '13-lesson-free-list');
  assert.deepEqual(problems, []);
});

test('the placement lab: drills from a teacher\'s seed, held before the asked call, a streak kept across reloads, another set from another link', async () => {
  const lab = `${app.server.url}#lesson/13-placement-and-coalescing`;
  const { page, problems } = await open(app.browser, `${lab}?seed=42`);
  await page.waitForSelector('#d0-quiz');
  await settled(page);
  // One program on every policy: a row each, and next fit's search steps
  // the fewest of the implicit list's three.
  const rows = page.locator('#c0-compare tbody tr');
  assert.equal(await rows.count(), 6);
  const steps = async (i) => Number(await rows.nth(i).locator('td').first().textContent());
  assert.ok((await steps(1)) < (await steps(0)) && (await steps(1)) < (await steps(2)));
  assert.match(await rows.nth(1).locator('th').textContent(), /^implicit-list \(placement=next\)$/);
  assert.match(await page.textContent('#lesson-title'), /Placement and coalescing/);
  assert.match(await page.textContent('#d0-stats'), /^Drill 1 of set 42 · streak 0 · best 0 · 0 of 0 right/);
  // The first drill asks where a box lands: its run stops just before.
  assert.match(await page.textContent('#d0-s-held'), /hidden until you answer/);
  const count = await page.locator('input[name="d0-choice"]').count();
  assert.ok(count >= 3, `${count} choices`);
  await page.check('#d0-choice-0');
  await page.click('#d0-check');
  await page.waitForSelector('#d0-reveal');
  const reveal = await page.textContent('#d0-reveal');
  const [, said, truth] = reveal.match(/You said (\S+); the simulation gives (\S+)\./);
  const right = said === truth ? 1 : 0;
  assert.match(await page.textContent('#d0-stats'), new RegExp(`streak ${right} · best ${right} · ${right} of 1 right`));
  // Answered, the run goes on: the asked call is on screen.
  await settled(page);
  assert.equal(await page.locator('#d0-s-held').count(), 0);
  await shot(page, '14-drill');
  await page.click('#d0-next');
  await page.waitForSelector('#d0-quiz');
  await settled(page);
  assert.match(await page.textContent('#d0-stats'), /^Drill 2 of set 42/);
  // The second drill asks which free blocks a drop leaves.
  assert.match(await page.textContent('#d0-quiz'), /which free blocks/);
  // Kept across a reload: the same set, the same drill, the same counts.
  await page.reload();
  await page.waitForSelector('#d0-quiz');
  assert.match(await page.textContent('#d0-stats'), new RegExp(`^Drill 2 of set 42 · streak ${right} · best ${right} · ${right} of 1 right`));
  // Another teacher's link: that set from its first drill, the counts kept.
  await page.goto(`${lab}?seed=7`);
  await page.waitForSelector('#d0-quiz');
  await settled(page);
  assert.match(await page.textContent('#d0-stats'), new RegExp(`^Drill 1 of set 7 · streak ${right} · best ${right}`));
  // A seed that is not a number is said to be one, and the set goes on.
  await page.goto(`${lab}?seed=abc`);
  await page.waitForSelector('#bad-seed');
  assert.match(await page.textContent('#bad-seed'), /seed=“abc” is not a whole number/);
  assert.deepEqual(problems, []);
});

test('for a class: a learner downloads their progress, a teacher opens the class\'s files in a table, and a lesson prints without its controls', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lesson/03-box-and-vec`);
  await page.waitForSelector('#q0-quiz');
  await settled(page);
  await page.check('#q0-choice-1');
  await page.click('#q0-check');
  await page.waitForSelector('#q0-reveal');
  // On paper: the prose, the code, the maps; no stepper, buttons or site bar.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#s0-forward').isVisible(), false);
  assert.equal(await page.locator('nav.site').isVisible(), false);
  assert.equal(await page.locator('#s0-live .highlight').isVisible(), true);
  assert.equal(await page.locator('#s0-live .dia').first().isVisible(), true);
  await page.emulateMedia({ media: 'screen' });

  await page.goto(`${app.server.url}#lessons`);
  await page.waitForSelector('#class');
  await page.fill('#learner-name', 'Ada');
  const href = await page.getAttribute('#download-progress', 'href');
  assert.equal(await page.getAttribute('#download-progress', 'download'), 'allocscope-progress-ada.txt');
  const file = decodeURIComponent(href.slice('data:text/plain;charset=utf-8,'.length));
  assert.match(file, /^allocscope progress 1\nname Ada\nlesson 03-box-and-vec\nanswer 0 32\n/);
  // The teacher opens two files: Ada's, and one that is not a progress file.
  await page.setInputFiles('#class-files', [
    { name: 'ada.txt', mimeType: 'text/plain', buffer: Buffer.from(file) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('shopping list\n') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('#class-table tbody tr').length === 2);
  const ada = page.locator('#class-table tbody tr').first();
  assert.equal((await ada.locator('th').textContent()).trim(), 'Ada');
  // Lesson 3: one of its two quizzes answered right, no exercise solved.
  assert.match(await ada.locator('td').nth(2).textContent(), /^1\/2 · 0\/2/);
  assert.match(await page.locator('#class-table tbody tr').nth(1).textContent(), /notes\.txt1:1: this is not a progress file/);
  await shot(page, '15-class-table');
  assert.deepEqual(problems, []);
});

test('lesson 10: the learner writes the bump allocator\'s alignment, checks it, and sees their run on the map', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lesson/10-a-bump-allocator-of-your-own`);
  await page.waitForSelector('#lesson-title');
  await settled(page);
  assert.equal(await page.textContent('#lesson-title'), '10. A bump allocator of your own');
  assert.equal(await page.locator('.pane h3').first().textContent(), 'yours');
  // The start misses its goals.
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /^Not yet\./);
  // The learner's allocator, typed in: solved, and their run drawn under the goals.
  const md = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'lessons', '10-a-bump-allocator-of-your-own.md'), 'utf8');
  const solution = md.split('--- solution\n')[1].split('\n```')[0];
  await fillCode(page, '#e0-code', solution);
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /Solved: every goal holds\.[\s\S]*✓ own_heap == yes/);
  assert.equal(await page.locator('#e0-run .pane h3').first().textContent(), 'yours');
  assert.ok(await page.locator('#e0-run .dia').first().isVisible());
  assert.ok((await page.locator('#e0-run-call-log > li').count()) > 2);
  await page.locator('#e0-run').scrollIntoViewIfNeeded();
  await shot(page, '16-bump-solved');
  assert.deepEqual(problems, []);
});

test('a teacher\'s own lesson: a file with a wrong quiz says where, the example opens from its address, answers and code are kept', async () => {
  const { page, problems } = await open(app.browser, `${app.server.url}#lessons`);
  await page.click('#open-own-lesson');
  await page.waitForSelector('#own-drop');
  const example = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'lessons', 'example', 'your-own-lesson.md'), 'utf8');
  // A quiz none of whose choices is right: the reader says so, at its line.
  const line = example.split('\n').indexOf('```quiz') + 1;
  const broken = example.replace('choices: 0x1230, 0x1238, 0x1240', 'choices: 0x1, 0x2');
  await page.setInputFiles('#own-lesson-file', { name: 'boxes.md', mimeType: 'text/markdown', buffer: Buffer.from(broken) });
  await page.waitForSelector('#own-problems');
  assert.match(await page.textContent('#own-problems'), new RegExp(`^boxes\\.md:${line}:1 the quiz: the simulation says 0x[0-9a-f]+, and 0 of its choices`));
  assert.equal(await page.locator('#lesson-title').count(), 0);
  await shot(page, '17-own-lesson-problems');

  // The example, served beside the app, opened from the address a teacher hands out.
  await page.click('#own-example-link');
  await page.waitForSelector('#lesson-title');
  assert.match(page.url(), /#own-lesson\?url=your-own-lesson\.md$/);
  assert.match(await page.textContent('#own-status'), /passes every check/);
  assert.equal(await page.textContent('#lesson-title'), 'Three boxes');
  assert.match(await page.textContent('main .crumbs'), /your own lesson, from your-own-lesson\.md/);
  await settled(page);
  // Its quiz holds the scenario before the call it asks about.
  assert.match(await page.textContent('#s0-held'), /hidden until you answer the quiz below/);
  const choices = await page.locator('#q0-quiz input[type=radio]').count();
  let right = -1;
  for (let i = 0; i < choices && right < 0; i++) {
    await page.check(`#q0-choice-${i}`);
    await page.click('#q0-check');
    await page.waitForSelector('#q0-reveal');
    if (/^Right\./.test(await page.textContent('#q0-reveal'))) right = i;
    else await page.click('#q0-retry');
  }
  assert.ok(right >= 0, 'one choice is right');
  const solution = example.split('--- solution\n')[1].split('\n```')[0];
  await fillCode(page, '#e0-code', solution);
  await page.click('#e0-check');
  await settled(page);
  assert.match(await page.textContent('#e0-result'), /Solved: every goal holds\./);
  await shot(page, '18-own-lesson');

  // A reload reads the file again and finds the progress kept.
  await page.reload();
  await page.waitForSelector('#lesson-progress');
  await page.waitForFunction(() => /Quizzes answered: 1 of 1 · exercises solved: 1 of 1/.test(document.querySelector('#lesson-progress').textContent));
  // A URL on another site is refused, with why.
  await page.goto(`${app.server.url}#own-lesson?url=https://example.com/x.md`);
  await page.waitForFunction(() => /another site/.test(document.querySelector('#own-status')?.textContent ?? ''));
  assert.deepEqual(problems, []);
});
