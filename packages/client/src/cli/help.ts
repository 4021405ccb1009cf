import type { Terminal } from './terminal';
import { UsageError } from './usage-error';

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  server: { type: 'string', short: 's' },
  token: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs util.parseArgs, turning its complaints (unknown option, missing value) into usage errors. */
export function parseUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const COMMON = `Common options:
  -s, --server <url>   the Vision batch server (env VISION_SERVER; default http://127.0.0.1:3000)
      --token <token>  sent as "Authorization: Bearer <token>" (env VISION_TOKEN)
  -q, --quiet          print only errors on stderr (no notes, no progress)
  -h, --help           this help`;

const HELP: Record<string, string> = {
  '': `vision-batch: analyse photos with the vision models LM Studio serves, through a Vision batch server.

Usage: vision-batch <command> [options]

Commands:
  analyze <files or folders...> --model <id>   find the main entity of every image
  analyze <...> --models a,b [--labels f.csv]  compare models side by side, with accuracy
  analyze - --out results.csv < paths.txt      the paths on stdin, one per line
  models [--json]                              the inference servers and the models they serve (vision first)
  batches [--limit n] [--json]                 history of batches, newest first
  show <batch-id> [--json]                     one batch: every image's result and the totals
  export <batch-id> --format csv|json|jsonl    a batch's results as a file [--out file]
  cancel <batch-id>                            stop a running batch
  retry <batch-id> [--indexes 0,3]             run failed (or chosen) images again
  delete <batch-id|comparison-id>              delete a batch, or a comparison with every model's batch
  comparisons [--limit n] [--json]             history of comparisons, newest first
  compare <comparison-id>                      one comparison's tables again [--out file]
  help [command]                               help for a command

${COMMON}
  -v, --version        the version

Exit codes: 0 all images succeeded, 1 some failed, 2 usage or connection error, 130 interrupted.
Results go to stdout, progress and notes to stderr. --json prints what the server answered as JSON.
Environment: VISION_SERVER, VISION_TOKEN, VISION_MODEL (analyze's default --model).`,

  analyze: `Usage: vision-batch analyze <files or folders...> --model <id> [options]   ("-": paths from stdin)
       vision-batch analyze <files or folders...> --models <id,id,...> [--labels <file.csv> | --labels-from-folders]

Folders are searched recursively for .png .jpg .jpeg .gif .bmp .webp files (other files are skipped with a
note); "-" reads paths from stdin, one per line (a missing one is skipped with a note). More images than a
batch takes are sent as several batches, kept back to back: while one runs the next is already on the server,
never more. Each finished image is printed on stderr as it comes, under a bar for the whole dataset (done,
photos per minute, time left); the table of results and the totals go to stdout.

With --out the run can be resumed: a journal beside the output (results.csv.run.jsonl) records each batch
sent and each result as it arrives, and the output is rewritten after every batch. Run the same command
again after an interruption (Ctrl-C, kill, a lost connection) and it continues: images that have a result
are not sent again, batches still on the server are followed rather than resent, and the output ends with
one row per image. A run is the same run when it writes the same output file (for imagefolder, the same
metadata.jsonl) with the same model, prompt, fields and format; an image counts as done while its file keeps its
size and modification time. Images given now are the run's images: new ones are sent, ones no longer given
leave the output. The journal is removed when every image has its result. Without --out nothing is kept.

With --models (or labels) the images are compared: every model runs over the same images, one model after
another, and the tables show each image's answers side by side (right or wrong against its label, and
whether the models agree), then per model its accuracy, mean time, tokens/s, time to first token and
failures, its most frequent mistakes, and which model was most accurate and fastest.

Options:
  -m, --model <id>        the model, as "vision-batch models" lists it (env VISION_MODEL)
      --models <ids>      several models, separated by commas, to compare
  -l, --labels <file>     ground truth: a CSV of "filename,label" lines (alternatives joined with |,
                          header optional); a file name may be as analyze names the image or just its name
      --labels-from-folders
                          ground truth from the folder each image sits in: dataset/dog/1.jpg is a dog
  -p, --prompt <text>     your own question instead of the default one
      --fields <file>     your own questions: a JSON array of {"name", "type", "values"?, "description"?},
                          type text, label (one of values), labels (any of values), number, yesno or tags;
                          each answer is a column of the output
      --field <n=type>    one field, repeatable: kind=label:cat,dog,bird,other  caption=text  people=number
      --preset <name>     caption, tags, count, entity (the default question as a field) or
                          classify:<labels> (classify:cat,dog,bird,other)
      --truth-field <name> compared with fields: the field the labels judge (default: the first label
                          field, else labels, yesno, then text field); a text field is judged by meaning
  -c, --concurrency <n>   images in flight at once (default: the server's choice)
  -o, --out <file>        also write all results to a .csv, .json or .jsonl file; file names are
                          relative to the folder they were found in (compared: a row per image and model)
  -f, --format <format>   csv, json, jsonl (instead of --out's extension) or imagefolder: metadata.jsonl
                          in the dataset folder, for Hugging Face load_dataset("imagefolder", data_dir=...),
                          with file_name relative to it, the entity and the timings. The dataset folder is
                          --out <folder>, else the folder given, else the deepest folder holding every
                          image; an image outside it is refused (every field is a column); or captions:
                          <image name>.txt holding the caption field (else the tags, joined by ", ")
                          beside each image, or in --out <folder>, as taggui, JoyCaption and kohya use
      --fresh             start over, ignoring (and replacing) an unfinished run's journal
      --batch-size <n>    images per batch (default 35, the server's MAX_IMAGES_PER_BATCH)
      --batch-mb <n>      megabytes per batch (default 100, the server's MAX_UPLOAD_MB)

Exit code 0 when every image succeeded (with every model), 1 when some failed. With --quiet and --out,
nothing is printed but errors (failed images included).
Ctrl-C cancels the running batches (or comparison) on the server; the same command continues later.

${COMMON}`,

  models: `Usage: vision-batch models [--json]

Each inference server (LM Studio, Ollama, llama.cpp, vLLM: LMSTUDIO_BASE_URL or INFERENCE_HOSTS on the server)
and whether it answers, then the models they serve, vision models first: those are the ones analyze can use.
With --json, the model list as JSON on stdout (each model with the servers that serve it).

${COMMON}`,

  batches: `Usage: vision-batch batches [--limit n] [--cursor c] [--json]

The batches the server keeps, newest first.

Options:
      --json         the page as JSON on stdout: { batches, nextCursor }
      --limit <n>    how many (default 20, at most 100)
      --cursor <c>   the page after the one that printed this cursor

${COMMON}`,

  show: `Usage: vision-batch show <batch-id> [--json]

One batch: its model and status, every image's result and the totals. With --json, the batch's whole view
(batches.get) as JSON on stdout.

${COMMON}`,

  export: `Usage: vision-batch export <batch-id> [--format csv|json|jsonl] [--out file] [--reviewed-only] [--reviewed-field name]

Downloads a batch's results as the server formats them. Without --out the file goes to stdout; when --out
is a folder, the file is saved there under the server's name. The format defaults to --out's extension.
Each row's label is the one a person confirmed in the review, else the model's answer (label_source says which);
with fields, each reviewed field adds <field>_label and <field>_label_source.

Options:
  -f, --format <format>  csv, json or jsonl
  -o, --out <file>       where to save it
  --reviewed-only        only the images a person has confirmed
  --reviewed-field <f>   only the images a person has confirmed on the field f

${COMMON}`,

  cancel: `Usage: vision-batch cancel <batch-id>

Stops a running batch: images in flight are abandoned, queued ones are marked cancelled.

${COMMON}`,

  delete: `Usage: vision-batch delete <batch-id|comparison-id>

Deletes a batch, or a comparison with every model's batch, for good and without asking: the photos kept on the
server, the results, the progress log and what a person decided in the review. A running one is stopped first.
One model's batch of a comparison is not deleted alone: delete its comparison.

${COMMON}`,

  comparisons: `Usage: vision-batch comparisons [--limit n] [--cursor c] [--json]

The comparisons the server keeps, newest first: their models, images and how many have labels.

Options:
      --json         the page as JSON on stdout: { comparisons, nextCursor }
      --limit <n>    how many (default 20, at most 100)
      --cursor <c>   the page after the one that printed this cursor

${COMMON}`,

  compare: `Usage: vision-batch compare <comparison-id> [--out file]

One comparison's tables, as analyze --models printed them: every image's answers side by side, then per model
its accuracy, speed and most frequent mistakes.

Options:
  -o, --out <file>   also write a row per image and model to a .csv or .jsonl file (.json: the whole view)

${COMMON}`,

  retry: `Usage: vision-batch retry <batch-id> [--indexes 0,3] [--detach]

Runs the batch's failed and cancelled images again (or the ones given by index, as "show" numbers them),
then follows it like analyze. Exit code 0 when every image of the batch has now succeeded.

Options:
      --indexes <list>   comma-separated image indexes
      --detach           start the retry and return at once

${COMMON}`,
};

export function helpText(command = ''): string | undefined {
  return HELP[command];
}

export function printHelp(terminal: Terminal, command = ''): number {
  terminal.out(helpText(command) ?? helpText('')!);
  return 0;
}
