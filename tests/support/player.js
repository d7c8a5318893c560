// How a learner finds the lesson player's parts: the deck's current slide, the transcript and the
// paragraph the player is on.
export const CURRENT_SLIDE = '.deck .deck-slide:not([hidden])';
export const currentSlide = (page) => page.locator(CURRENT_SLIDE);
export const transcript = (page) => page.getByRole('list', { name: 'Transcript' });
export const currentParagraph = (page) => transcript(page).locator('li[aria-current="true"]');
export const slideLabel = (slide, lesson) => `Slide ${slide} of ${lesson.slides}`;
