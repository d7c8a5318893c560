#!/usr/bin/env bash
# make lesson NAME=thread-pools: a lesson bundle in content/lessons/ from the theme's archetype
# (themes/course/archetypes/lesson/), last in the outline, and what to edit next
# (docs/authoring.md says the rest).
set -euo pipefail
name=${1:-}
outline=site/data/outline.toml
if [[ ! "$name" =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]]; then
  echo "NAME must be the lesson's address: lowercase words joined by hyphens, as in make lesson NAME=thread-pools"
  exit 2
fi
if [[ -e content/lessons/$name ]]; then echo "content/lessons/$name exists already"; exit 2; fi
hugo --source site new --kind lesson "lessons/$name"
printf '\n[[lessons]]\nlesson = "%s"\n' "$name" >> "$outline"
cat <<TEXT

Lesson $name is last in $outline; move its entry where it belongs. Then edit, in content/lessons/$name/:
  index.md       its title, description and text; embed a demo with {{< demo "<id>" >}}
  slides.md      the slides, separated by lines holding only ---
  transcript.md  the narration, each paragraph starting with its time and optional cues
  checks.md      the knowledge checks, one right answer each
and see it with make serve, at http://localhost:1313/lessons/$name/ (docs/authoring.md).
TEXT
