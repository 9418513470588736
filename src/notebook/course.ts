// The course layer: exercises and solutions from one source. A markdown (or code) cell tagged
// `exercise` asks; the code cells tagged `solution` below it answer. The exercise variant replaces
// each solution by a stub saying what to do; the solution variant keeps everything.
import { Notebook, NotebookCell, cellSource, cellTags } from "./nbformat";

/** Every tag a notebook of this project may use. */
export const KNOWN_TAGS: readonly string[] = ["parameters", "injected-parameters", "verification", "exercise", "solution", "exercise-stub"];

export interface ExerciseInfo {
  /** 1-based exercise number in the notebook */
  number: number;
  /** 1-based cell number of the exercise cell */
  cell: number;
  /** 1-based cell numbers of its solution cells */
  solutions: number[];
}

/** Check the tags and pair each solution with its exercise; errors name the notebook and cell. */
export function courseStructure(nb: Notebook, name: string): ExerciseInfo[] {
  const exercises: ExerciseInfo[] = [];
  nb.cells.forEach((c, i) => {
    const tags = cellTags(c);
    for (const t of tags) {
      if (!KNOWN_TAGS.includes(t)) {
        throw new Error(`${name}, cell ${i + 1}: unknown tag "${t}" (known tags: ${KNOWN_TAGS.join(", ")})`);
      }
    }
    if (tags.includes("exercise") && tags.includes("solution")) {
      throw new Error(`${name}, cell ${i + 1}: a cell cannot be both "exercise" and "solution"; split the question from the answer`);
    }
    if (tags.includes("exercise")) {
      exercises.push({ number: exercises.length + 1, cell: i + 1, solutions: [] });
    } else if (tags.includes("solution")) {
      if (c.cell_type !== "code") {
        throw new Error(`${name}, cell ${i + 1}: a "solution" cell must be a code cell`);
      }
      const owner = exercises[exercises.length - 1];
      if (!owner) {
        throw new Error(`${name}, cell ${i + 1}: "solution" cell has no matching "exercise" cell above it; tag the question cell "exercise"`);
      }
      owner.solutions.push(i + 1);
    }
  });
  return exercises;
}

/** First sentence-ish of the exercise text, for the stub. */
function exerciseSummary(cell: NotebookCell): string {
  const text = cellSource(cell)
    .replace(/^\s*\/\/\s?/gm, "")
    .replace(/[*_`#]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const m = /^(.*?[.?!])(\s|$)/.exec(text.replace(/^Exercise \d+\.\s*/, ""));
  return (m ? m[1] : text).slice(0, 160);
}

export interface CourseVariants {
  exercises: Notebook;
  solutions: Notebook;
  structure: ExerciseInfo[];
}

/** Build the two variants of one notebook. */
export function courseVariants(nb: Notebook, name: string): CourseVariants {
  const structure = courseStructure(nb, name);
  const copy = (): Notebook => JSON.parse(JSON.stringify(nb));
  const exercises = copy();
  const stubbed = new Set<number>();
  for (const ex of structure) {
    const summary = exerciseSummary(nb.cells[ex.cell - 1]);
    ex.solutions.forEach((cellNo, k) => {
      const stub = [
        `// Exercise ${ex.number}${ex.solutions.length > 1 ? ` (part ${k + 1} of ${ex.solutions.length})` : ""}: your solution here.`,
        `// Task: ${summary}`,
        "// Write the code, run the cell, and compare with the solutions notebook.",
      ].join("\n");
      const target = exercises.cells[cellNo - 1];
      target.source = stub + "\n";
      target.outputs = [];
      target.execution_count = null;
      target.metadata = { ...target.metadata, tags: ["exercise-stub"] };
      stubbed.add(cellNo);
    });
  }
  exercises.metadata = { ...exercises.metadata, course: { variant: "exercises", source: name } };
  const solutions = copy();
  solutions.metadata = { ...solutions.metadata, course: { variant: "solutions", source: name } };
  return { exercises, solutions, structure };
}
