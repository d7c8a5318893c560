// deck.js: which turn a finger's move on the deck asks for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { swipeTurn } from './deck.js';

test('a finger moved left turns to the next slide, moved right to the previous one', () => {
  assert.equal(swipeTurn(-120, 10), 1);
  assert.equal(swipeTurn(120, -10), -1);
});

test('a short move, or one more up or down than sideways, turns nothing: it taps or scrolls', () => {
  assert.equal(swipeTurn(-39, 0), 0);
  assert.equal(swipeTurn(39, 0), 0);
  assert.equal(swipeTurn(-80, 80), 0);
  assert.equal(swipeTurn(60, -200), 0);
  assert.equal(swipeTurn(0, 0), 0);
});
