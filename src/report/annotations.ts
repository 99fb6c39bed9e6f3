import type { Detection, Level, Report, RuleId } from '../model.js';
import { RULES, riskScoreOf } from '../rules/catalog.js';
import {
  escapeCommandData,
  escapeCommandProperty,
  cleanLine,
  neutralizeLogText,
} from './escape.js';
import {
  compareDetections,
  imageLabel,
  isFindingRule,
  packageText,
  plural,
  severityOfRule,
  signalsText,
  unique,
} from './format.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/**
 * One workflow annotation. Title and message are already safe for the log (no `::` line start,
 * no `##[`, control and bidi characters visible) but NOT percent-encoded: hand them to
 * `core.error(message, { title, file, startLine })`, which encodes, or use `annotationCommand`,
 * which encodes itself. Never both.
 */
export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file?: string;
  startLine?: number;
}

export interface AnnotationOptions {
  /** Point every annotation at the Dockerfile's FROM line so it shows in the PR diff. */
  dockerfile?: { path: string; fromLine: number };
  /**
   * Slots per level left for detections once the step's other annotations (the verdict line,
   * file and PR-comment warnings) are counted: see `detectionSlots`. Default 10 each.
   */
  slots?: Partial<Record<AnnotationLevel, number>>;
}

/**
 * GitHub keeps the first 10 annotations of each level per step and drops the rest silently
 * (SPEC section 7), whichever printed them. The step's own lines come first in the budget: the
 * failure verdict takes one error slot and the step warnings (up to 9) take warning slots; the
 * detections get what is left. Returns the slots for `buildAnnotations` and the step warnings
 * that fit, the last one saying how many more there were.
 */
export function detectionSlots(
  failing: boolean,
  stepWarnings: readonly string[],
  /** Error annotations the step prints itself besides the verdict (files it could not write). */
  stepErrors = 0,
): { slots: Record<AnnotationLevel, number>; warnings: string[]; logOnly: string[] } {
  const maxStepWarnings = ANNOTATIONS_PER_LEVEL - 1;
  let warnings = [...stepWarnings];
  let logOnly: string[] = [];
  if (warnings.length > maxStepWarnings) {
    logOnly = warnings.slice(maxStepWarnings - 1);
    warnings = [
      ...warnings.slice(0, maxStepWarnings - 1),
      `${plural(logOnly.length, 'more warning')} left out of the annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); they are in the log.`,
    ];
  }
  return {
    slots: {
      error: Math.max(0, ANNOTATIONS_PER_LEVEL - (failing ? 1 : 0) - stepErrors),
      warning: ANNOTATIONS_PER_LEVEL - warnings.length,
      notice: ANNOTATIONS_PER_LEVEL,
    },
    warnings,
    logOnly,
  };
}

/** GitHub keeps 10 annotations per level per step and silently drops the rest. */
export const ANNOTATIONS_PER_LEVEL = 10;
const TOP_FINDINGS = 5;
const MAX_MESSAGE = 4000;
const MAX_TITLE = 200;

const LEVEL_OF: Readonly<Record<Level, AnnotationLevel | null>> = {
  fail: 'error',
  warn: 'warning',
  notice: 'notice',
  off: null,
};
const ANNOTATION_LEVELS: readonly AnnotationLevel[] = ['error', 'warning', 'notice'];

interface Group {
  level: AnnotationLevel;
  rule: RuleId;
  imageIndex: number;
  detections: Detection[];
}

/**
 * Annotations for a report: one per rule and image (a `high` annotation lists the top CVEs and
 * "+N more"), levels from the detection level (off and ignored raise none), at most 10 per
 * level; when a level overflows, its tenth slot says what was left out.
 */
export function buildAnnotations(report: Report, options: AnnotationOptions = {}): Annotation[] {
  const groups = new Map<string, Group>();
  for (const d of report.detections) {
    const level = LEVEL_OF[d.level];
    if (d.ignored || !level) continue;
    // Level too: under compare-to one rule's rows differ (a new HIGH fails, unchanged ones warn).
    const key = `${d.imageIndex}\u0000${d.rule}\u0000${d.level}`;
    const group = groups.get(key);
    if (group) group.detections.push(d);
    else groups.set(key, { level, rule: d.rule, imageIndex: d.imageIndex, detections: [d] });
  }
  const location = options.dockerfile
    ? { file: options.dockerfile.path, startLine: options.dockerfile.fromLine }
    : {};

  const out: Annotation[] = [];
  for (const level of ANNOTATION_LEVELS) {
    const ofLevel = [...groups.values()]
      .filter((g) => g.level === level)
      .sort(
        (a, b) =>
          riskScoreOf(RULES[b.rule]) - riskScoreOf(RULES[a.rule]) || a.imageIndex - b.imageIndex,
      );
    const slots = Math.max(
      0,
      Math.min(ANNOTATIONS_PER_LEVEL, options.slots?.[level] ?? ANNOTATIONS_PER_LEVEL),
    );
    if (slots === 0) continue;
    const fits = ofLevel.length <= slots;
    const shown = fits ? ofLevel : ofLevel.slice(0, slots - 1);
    for (const group of shown) out.push({ ...annotate(report, group), ...location });
    if (!fits) out.push({ ...overflow(report, level, ofLevel.slice(shown.length)), ...location });
  }
  return out;
}

function annotate(report: Report, group: Group): Annotation {
  const image = report.images[group.imageIndex];
  const where = image ? imageLabel(image) : `image ${group.imageIndex + 1}`;
  const spec = RULES[group.rule];
  const title = `${spec.title} (${group.rule}): ${where}`;
  const detections = [...group.detections].sort(compareDetections);
  const risk = detections.reduce((sum, d) => sum + (d.countsRisk === false ? 0 : d.riskScore), 0);
  const lines: string[] = [];
  if (isFindingRule(group.rule)) {
    const severity = severityOfRule(group.rule) ?? group.rule;
    const first = detections[0];
    lines.push(
      `${first?.message ?? spec.title}: ${plural(detections.length, `${severity} finding`)}, risk ${risk}.`,
    );
    for (const d of detections.slice(0, TOP_FINDINGS)) lines.push(findingLine(d));
    const more = detections.length - TOP_FINDINGS;
    if (more > 0) lines.push(`+${more} more: see the job summary or the JSON report.`);
  } else {
    for (const message of unique(detections.map((d) => d.message)).slice(0, TOP_FINDINGS)) {
      lines.push(message);
    }
    for (const detail of unique(detections.flatMap((d) => (d.detail ? [d.detail] : [])))) {
      lines.push(detail);
    }
    lines.push(`Risk ${risk}.`);
  }
  return {
    level: group.level,
    title: neutralizeLogText(cleanLine(title, MAX_TITLE), MAX_TITLE),
    message: neutralizeLogText(lines.join('\n'), MAX_MESSAGE),
  };
}

function findingLine(d: Detection): string {
  const packages = (d.packages ?? []).map(packageText);
  const shownPackages = packages.slice(0, 3).join(', ') + (packages.length > 3 ? ', …' : '');
  const cvss = d.cvss === undefined ? '' : `, CVSS ${d.cvss}`;
  const mark = d.compare ? ` (${d.compare})` : ''; // compare-to (issue 14 §1)
  return `${cleanLine(d.findingId ?? 'finding', 100)}${mark} — ${cleanLine(shownPackages, 300) || 'package unknown'}${cvss}${signalsText(d)}`;
}

function overflow(report: Report, level: AnnotationLevel, left: readonly Group[]): Annotation {
  const names = left.map((g) => {
    const image = report.images[g.imageIndex];
    return `${g.rule} on ${image ? imageLabel(image) : `image ${g.imageIndex + 1}`}`;
  });
  const shown = names.slice(0, 20);
  const rest = names.length - shown.length;
  return {
    level,
    title: `${plural(left.length, `more ${level} annotation`)} left out`,
    message: neutralizeLogText(
      [
        `GitHub shows at most ${ANNOTATIONS_PER_LEVEL} ${level} annotations per step (the verdict and the step's warnings included); these were left out:`,
        ...shown,
        ...(rest > 0 ? [`and ${rest} more.`] : []),
        'The job summary and the JSON report list everything.',
      ].join('\n'),
      MAX_MESSAGE,
    ),
  };
}

/** Properties for `core.error/warning/notice(message, properties)`. */
export function annotationProperties(a: Annotation): {
  title: string;
  file?: string;
  startLine?: number;
} {
  return {
    title: a.title,
    ...(a.file === undefined ? {} : { file: a.file }),
    ...(a.startLine === undefined ? {} : { startLine: a.startLine }),
  };
}

/**
 * The workflow command line for an annotation (`::error file=…,line=…,title=…::message`), with
 * the runner's escaping: for writing to stdout without `@actions/core`.
 */
export function annotationCommand(a: Annotation): string {
  const props = [
    ...(a.file === undefined ? [] : [`file=${escapeCommandProperty(a.file)}`]),
    ...(a.startLine === undefined ? [] : [`line=${a.startLine}`]),
    `title=${escapeCommandProperty(a.title)}`,
  ];
  return `::${a.level} ${props.join(',')}::${escapeCommandData(a.message)}`;
}

/**
 * Line number (1-based) of the `FROM` that starts the final build stage, or null when there is
 * none. Skips comments, parser directives, continuation lines (honouring `# escape=`) and
 * heredoc bodies, so a `FROM` word inside a `RUN` is never taken for an instruction.
 */
export function findFromLine(dockerfileText: string): number | null {
  const lines = dockerfileText.split(/\r\n|\r|\n/);
  let escapeChar = '\\';
  let inDirectives = true;
  let continuing = false;
  let heredocs: string[] = [];
  let instruction = '';
  let last: number | null = null;
  lines.forEach((raw, index) => {
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (heredocs.length > 0) {
      const delimiter = heredocs[0];
      const body = line.replace(/^\t+/, '');
      if (body === delimiter || line === delimiter) heredocs = heredocs.slice(1);
      return;
    }
    const trimmed = line.trim();
    if (inDirectives) {
      const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(trimmed);
      if (directive) {
        if (
          directive[1]?.toLowerCase() === 'escape' &&
          (directive[2] === '`' || directive[2] === '\\')
        ) {
          escapeChar = directive[2];
        }
        return;
      }
      inDirectives = false;
    }
    // Comment lines are dropped even inside a continuation, as BuildKit does.
    if (trimmed.startsWith('#')) return;
    if (trimmed === '') return;
    if (!continuing) instruction = (/^\S+/.exec(trimmed)?.[0] ?? '').toUpperCase();
    if (!continuing && instruction === 'FROM') last = index + 1;
    continuing = trimmed.endsWith(escapeChar);
    if (instruction === 'RUN' || instruction === 'COPY' || instruction === 'ADD') {
      for (const match of trimmed.matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) {
        if (match[2]) heredocs.push(match[2]);
      }
    }
  });
  return last;
}
