// Checks a demo's parameters against their declaration before a run. The C++ runtime checks
// them again (lab::clamp_params), by the same rule, in case something slips past this one.

export function clampToSpec(value, spec) {
  const steps = (value - spec.min) / spec.step;
  // A value on its step stays as typed: 0.3 is on a step of 0.1, whatever binary floats say.
  const onStep =
    Math.abs(steps - Math.round(steps)) < 1e-9
      ? value
      : Number((spec.min + Math.round(steps) * spec.step).toPrecision(12));
  return Math.min(spec.max, Math.max(spec.min, onStep));
}

// Reads the form's inputs. A value that is not a number refuses the run; a number out of range
// or off its step is clamped, written back into its input, and explained in `notes`, which say
// what uses the value (`user`: "the demo", "the run").
export function readParams(form, specs, user = 'the demo') {
  const values = [];
  const notes = [];
  let refused = false;
  for (const spec of specs) {
    const input = form.elements[spec.name];
    const text = input.value.trim();
    const given = text === '' ? NaN : Number(text) + 0; // + 0 turns -0 into 0
    const unit = spec.unit ? ` ${spec.unit}` : '';
    if (!Number.isFinite(given)) {
      notes.push(`${spec.label} needs a number from ${spec.min} to ${spec.max}${unit}.`);
      input.setAttribute('aria-invalid', 'true');
      refused = true;
      continue;
    }
    input.removeAttribute('aria-invalid');
    const used = clampToSpec(given, spec);
    if (used !== given) {
      const why =
        given < spec.min || given > spec.max
          ? `is outside ${spec.min}–${spec.max}${unit}`
          : `is not a multiple of ${spec.step}${unit}`;
      // Quote what the learner typed: "-0" or "1e3" read back as "0" or "1000" would puzzle.
      notes.push(`${spec.label}: ${text}${unit} ${why}, so ${user} uses ${used}${unit}.`);
      input.value = String(used);
    }
    values.push(used);
  }
  return { values, notes, refused };
}
