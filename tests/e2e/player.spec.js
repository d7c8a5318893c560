// The lesson player: the transcript drives the slides; speed, captions, keys and cues.
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';
import { CURRENT_SLIDE, currentParagraph, currentSlide, slideLabel, transcript } from '../support/player.js';

for (const lesson of lessons()) {
  test.describe(`lesson ${lesson.slug}`, () => {
    test('clicking a paragraph shows its cued slide', async ({ reader: page }) => {
      await page.goto(lesson.page);
      const paragraphs = transcript(page).getByRole('listitem');
      const slides = await paragraphs.evaluateAll((items) => items.map((item) => item.dataset.slide));
      expect(slides.length, 'a transcript to walk').toBeGreaterThan(2);
      // What the learner sees after a click, read at once: the paragraph marked current, and the
      // slide shown, which is rendered Markdown (one heading shown, real elements, no escaped text).
      const shown = () =>
        transcript(page).evaluate((list, selector) => {
          const slide = document.querySelector(selector);
          return {
            paragraph: [...list.children].findIndex((item) => item.getAttribute('aria-current') === 'true'),
            slide: slide?.getAttribute('aria-label'),
            headings: [...(slide?.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]') ?? [])].filter((h) =>
              h.checkVisibility(),
            ).length,
            escaped: slide?.textContent.includes('</'),
          };
        }, CURRENT_SLIDE);
      for (let i = slides.length - 1; i >= 0; i -= 1) {
        await paragraphs.nth(i).locator('.transcript-text').click();
        const expected = {
          paragraph: i,
          slide: slideLabel(slides[i], lesson),
          headings: 1,
          escaped: false,
        };
        await expect.poll(shown, `after a click on paragraph ${i + 1}`).toEqual(expected);
      }
    });

    test('play at 2× walks the transcript and turns the slides', async ({ page }) => {
      const start = new Date('2026-01-05T09:00:00Z');
      await page.clock.install({ time: start });
      await page.goto(lesson.page);
      // Time stands still but for runFor: on a busy machine, time flowing between two steps
      // would move the player on (a paragraph 2.5 s later at 2×).
      await page.clock.pauseAt(new Date(start.getTime() + 600_000));
      const times = await transcript(page)
        .getByRole('listitem')
        .evaluateAll((items) => items.map((item) => ({ t: Number(item.dataset.t), slide: item.dataset.slide })));
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
      await page.getByRole('button', { name: 'Play' }).click();
      // 20 s on the page's clock is 40 s of transcript at 2×.
      await page.clock.runFor(20_000);
      const expected = times.filter(({ t }) => t <= 40).at(-1);
      await expect(currentParagraph(page)).toHaveAttribute('data-t', String(expected.t));
      await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(expected.slide, lesson));
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.clock.runFor(20_000);
      await expect(currentParagraph(page)).toHaveAttribute('data-t', String(expected.t));
    });
  });
}

const [first, second] = lessons();

test('the speed is remembered across a reload and across lessons', async ({ reader: page }) => {
  await page.goto(first.page);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1.5');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('1.5');
  await page.goto(second.page);
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('1.5');
});

test('a deep link to a time shows its paragraph and slide', async ({ reader: page }) => {
  await page.goto(first.page);
  const stamp = await transcript(page).locator('.stamp').nth(3).textContent();
  await page.goto(`${first.page}#t=${stamp}`);
  await expect(currentParagraph(page).locator('.stamp')).toHaveText(stamp);
  const slide = await currentParagraph(page).getAttribute('data-slide');
  await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(slide, first));
});

test('a cue loads its parameters into the demo', async ({ reader: page }) => {
  await page.goto(first.page);
  const cue = transcript(page)
    .getByRole('button', { name: /Load into the demo/ })
    .last();
  const { demo, params } = await cue.evaluate((b) => ({ demo: b.dataset.demo, params: JSON.parse(b.dataset.params) }));
  await cue.click();
  const figure = page.locator(`#demo-${demo}`);
  for (const [name, value] of Object.entries(params)) {
    await expect(figure.locator(`input[name="${name}"]`)).toHaveValue(String(value));
  }
  await expect(figure.getByRole('button', { name: 'Run' })).toBeFocused();
});

test('keys: space plays and pauses, arrows turn slides, ? lists the keys', async ({ reader: page }) => {
  await page.goto(first.page);
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 1 of ${first.slides}`);
  await page.keyboard.press('ArrowRight');
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 2 of ${first.slides}`);
  await page.keyboard.press('ArrowLeft');
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 1 of ${first.slides}`);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('heading', { level: 1 }).click(); // focus outside the player's buttons
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the deck shows its slide number, and a turn keeps the focus of a learner who tabbed into the deck', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(first.page);
  const number = page.locator('.deck [data-deck="number"]');
  await expect(number).toHaveText(`1 / ${first.slides}`);
  await page.getByRole('button', { name: 'Play' }).click();
  // Back from Play to the deck's first stop of the Tab.
  const inDeck = () => page.evaluate(() => document.querySelector('.deck').contains(document.activeElement));
  let presses = 0;
  for (let entered = false; !entered || (await inDeck()); entered ||= await inDeck()) {
    expect((presses += 1), 'Shift+Tab goes through the deck').toBeLessThan(20);
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('Tab');
  expect(await inDeck(), 'the focus is in the deck').toBe(true);
  const focus = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      if (element === document.body) return 'nothing';
      return `${element.tagName} ${element.getAttribute('aria-label') ?? element.textContent.slice(0, 80)}`;
    });
  const focused = await focus();
  const secondSlideAt = Number(await transcript(page).locator('li[data-slide="2"]').first().getAttribute('data-t'));
  await page.clock.runFor(secondSlideAt * 1000 + 1000);
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 2 of ${first.slides}`);
  await expect(number).toHaveText(`2 / ${first.slides}`);
  expect(await focus(), 'the focus stays where it was').toBe(focused);
});

test('turning the deck by key or by its arrow moves the transcript, and Play goes on from there', async ({ page }) => {
  await page.clock.install();
  await page.goto(first.page);
  const paragraphOn = (slide) => transcript(page).locator(`li[data-slide="${slide}"]`).first();
  await page.getByRole('heading', { level: 1 }).click(); // focus outside the player's buttons
  await page.keyboard.press('ArrowRight');
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 2 of ${first.slides}`);
  await expect(paragraphOn(2)).toHaveAttribute('aria-current', 'true');
  await page.locator('.deck').getByRole('button', { name: 'next slide' }).click();
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 3 of ${first.slides}`);
  await expect(paragraphOn(3)).toHaveAttribute('aria-current', 'true');
  // Play starts where the deck is, not where the transcript was before.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.clock.runFor(1_000);
  await expect(currentSlide(page)).toHaveAttribute('aria-label', `Slide 3 of ${first.slides}`);
  await expect(paragraphOn(3)).toHaveAttribute('aria-current', 'true');
});

test('full screen shows the slides with their captions', async ({ reader: page }) => {
  await page.goto(first.page);
  await page.getByRole('checkbox', { name: 'Captions' }).check();
  await page.getByRole('button', { name: 'Fullscreen' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? '')).toContain('player-stage');
  const captions = page.locator('.player-captions');
  await expect(captions).toBeVisible();
  expect(await captions.evaluate((node) => document.fullscreenElement.contains(node))).toBe(true);
  const box = await captions.boundingBox();
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize().height);
  await page.evaluate(() => document.exitFullscreen());
});

test('captions show the current paragraph under the slides', async ({ reader: page }) => {
  await page.goto(`${first.page}#t=00:36`);
  await page.getByRole('checkbox', { name: 'Captions' }).check();
  const text = await currentParagraph(page).locator('.transcript-text').textContent();
  await expect(page.locator('.player-captions')).toHaveText(text.trim());
});

test('the print views show every slide', async ({ reader: page }) => {
  await page.goto(`${first.page}print.html`);
  await expect(page.locator('.print-slide')).toHaveCount(first.slides);
  await expect(page.locator('.print-slide').first().getByRole('heading')).toBeVisible();
  await expect(page.locator('.print-slide').first()).not.toContainText('</');
  await page.goto('/print.html');
  const all = lessons().reduce((sum, lesson) => sum + lesson.slides, 0);
  await expect(page.locator('.print-slide:not(.print-cover)')).toHaveCount(all);
  // Slides may show pictures from their lesson's folder; they load wherever the slide is shown.
  const images = page.locator('.print-slide img');
  expect(await images.count()).toBeGreaterThan(0);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
});

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 400, height: 800 } });

  test('the slides stack above the transcript and still follow it', async ({ page }) => {
    await page.goto(first.page);
    const deck = await page.locator('.deck').boundingBox();
    const list = await transcript(page).boundingBox();
    expect(list.y).toBeGreaterThan(deck.y + deck.height);
    const paragraph = transcript(page).getByRole('listitem').last();
    const slide = await paragraph.getAttribute('data-slide');
    await paragraph.locator('.transcript-text').click();
    await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(slide, first));
  });
});

test('read aloud speaks the current paragraph at the chosen speed', async ({ tab: page }) => {
  // Record what would be spoken instead of speaking it.
  await page.addInitScript(() => {
    window.spoken = [];
    if (!('speechSynthesis' in window)) return;
    speechSynthesis.speak = (utterance) => window.spoken.push({ text: utterance.text, rate: utterance.rate });
    speechSynthesis.cancel = () => {};
  });
  await page.goto(first.page);
  test.skip(!(await page.evaluate(() => 'speechSynthesis' in window)), 'this browser cannot speak');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1.5');
  await page.getByRole('checkbox', { name: 'Read aloud' }).check();
  await page.getByRole('button', { name: 'Play' }).click();
  const text = (await currentParagraph(page).locator('.transcript-text').textContent()).trim();
  await expect.poll(() => page.evaluate(() => window.spoken.at(-1))).toEqual({ text, rate: 1.5 });
});
