"""exercises.py SITE_DIR CONTENT_DIR: the course's exercises as JSON, on standard output.

Reads the outline (SITE_DIR/data/outline.toml) and each lesson's exercises.toml, checks each
declaration against the files and against its checker (SITE_DIR/python/course_check.py), and
prints {"exercises": [...]}, in course order, each with its lesson and its starting file's path
as the sample code has it ("<lesson>/exercises/<id>.py"): what check.py reads. A mistake stops it
with the file and line. docs/authoring.md, "Exercises".
"""
import inspect
import json
import os
import re
import sys
import tomllib

KINDS = ("write", "fix", "bound", "survive", "measure")
RUNS = ("page", "local")
REQUIRED = ("id", "title", "kind", "runs", "goal", "hints", "checker")


def main(site, content):
    sys.path.insert(0, os.path.join(site, "python"))
    import course_check
    with open(os.path.join(site, "data", "outline.toml"), "rb") as file:
        lessons = [entry["lesson"] for entry in tomllib.load(file)["lessons"] if "lesson" in entry]
    exercises, seen = [], {}
    for lesson in lessons:
        path = os.path.join(content, "lessons", lesson, "exercises.toml")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as file:
            text = file.read()
        for exercise in tomllib.loads(text).get("exercises", []):
            where = f"{path}:{_line(text, exercise.get('id'))}"

            def fail(message):
                sys.exit(f"{where}: {message}")

            missing = [key for key in REQUIRED if key not in exercise]
            if missing:
                fail(f"an exercise lacks {', '.join(missing)}")
            name = exercise["id"]
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
                fail(f"id {name!r}: lowercase words joined by hyphens")
            if name in seen:
                fail(f"id {name!r} is taken already, by an exercise of {seen[name]}")
            seen[name] = lesson
            if exercise["kind"] not in KINDS:
                fail(f"kind {exercise['kind']!r} is none of {', '.join(KINDS)}")
            if exercise["runs"] not in RUNS:
                fail(f"runs {exercise['runs']!r} is none of {', '.join(RUNS)}")
            if not exercise["hints"]:
                fail("an exercise needs at least one hint")
            for file_name in (f"{name}.py", f"solutions/{name}.py"):
                if not os.path.isfile(os.path.join(content, "lessons", lesson, "exercises", file_name)):
                    fail(f"exercises/{file_name} does not exist beside it")
            check = course_check.CHECKERS.get(exercise["checker"])
            if check is None:
                fail(f"checker {exercise['checker']!r} is not one of course_check.py's: "
                     f"{', '.join(sorted(course_check.CHECKERS))}")
            accepted = set(inspect.signature(check).parameters) - {"run"}
            unknown = set(exercise.get("settings", {})) - accepted
            if unknown:
                fail(f"{exercise['checker']} has no setting {', '.join(sorted(unknown))} "
                     f"(it takes {', '.join(sorted(accepted))})")
            exercises.append({**exercise, "lesson": lesson, "file": f"{lesson}/exercises/{name}.py"})
    json.dump({"exercises": exercises}, sys.stdout, indent=1, ensure_ascii=False)
    print()


def _line(text, name):
    """The line of the exercise's `id = "name"`, or of its [[exercises]] header."""
    for number, line in enumerate(text.splitlines(), 1):
        if name is not None and re.match(rf'\s*id\s*=\s*"{re.escape(str(name))}"', line):
            return number
    return 1


if __name__ == "__main__":
    main(*sys.argv[1:3])
