/**
 * The API contract: every method, its argument schema (checked at run time by every host)
 * and its result type. Electron's IPC, the browser host and the CLI all call the same
 * handler table (main/core/api.ts) through this contract.
 */
import * as z from 'zod';
import { IMPORT_COLUMN_ROLES, type ImportProgress, type JobProgress } from './types';
import type { AppendixModel } from '../domain/appendix';
import type { ActionLogEntry, ExceptionsReport } from './types';
import { editingSchemas, type EditingResults } from './editing-contract';
import { areasSchemas, type AreasResults } from './areas-contract';
import type { Area, AuditTrailRow, Backup, HistoryState, DistrictComparison, ImportRecord, ImportReport, ReportingPeriod, Sparkline, Trend, ValueRow, WorkspaceInfo, WorkspaceOverview } from './types';

/** Choices the analyst made on the Import screen: column roles, new areas, new indicators' units. */
const importChoices = () => ({
  mappings: z
    .array(
      z
        .object({
          file: z.string().min(1).max(255),
          sheet: z.string().max(255).optional(),
          headerRow: z.number().int().min(1).max(1000).optional(),
          columns: z.array(z.object({ index: z.number().int().min(0).max(4999), role: z.enum(IMPORT_COLUMN_ROLES) }).strict()).max(5000).optional(),
          /** Columns named by their header text, letter (C) or number (3, counting from 1), as the CLI takes them. */
          headers: z.array(z.object({ column: z.string().min(1).max(300), role: z.enum(IMPORT_COLUMN_ROLES) }).strict()).max(5000).optional(),
          fixed: z.object({ indicator: z.string().max(300).optional(), area: z.string().max(200).optional(), period: z.string().max(60).optional() }).strict().optional(),
          /** Only rows whose column (by header) holds this value: one series out of a breakdown. */
          filters: z.array(z.object({ column: z.string().min(1).max(300), value: z.string().max(300) }).strict()).max(20).optional(),
        })
        .strict(),
    )
    .max(100)
    .optional(),
  createAreas: z.boolean().optional(),
  /** The year of ONS population estimates whose file does not say it. */
  populationYear: z.number().int().min(1900).max(2100).optional(),
  indicators: z
    .array(
      z
        .object({
          name: z.string().min(1).max(300),
          unit: z.enum(['count', 'rate_per_1000', 'percent', 'ratio']),
          polarity: z.enum(['lower', 'higher', 'none']),
          measureType: z.enum(['flow', 'stock', 'rate', 'percentage', 'score']).optional(),
        })
        .strict(),
    )
    .max(5000)
    .optional(),
});
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM, e.g. 2024-06');
const filePath = z.string().min(1, 'a file path').max(4096);
/** A calendar date written YYYY-MM-DD (e.g. an action's date raised), checked to exist. */
const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date written YYYY-MM-DD, e.g. 2025-02-10')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'a date that exists, e.g. 2025-02-28');
const actionId = z.number().int().positive('an action from the log');
const text = (max: number) => z.string().max(max);
/** A chart image: base64, at most 2 MB decoded. */
const pngBase64 = z
  .string()
  .min(1, 'a PNG image as base64')
  .max(2_796_204, 'a PNG image of at most 2 MB')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a PNG image as base64 (no data: prefix)');

export const argumentSchemas = {
  ...editingSchemas,
  ...areasSchemas,
  'workspace.info': z.object({}).strict(),
  'workspace.overview': z.object({}).strict(),
  'workspace.create': z.object({ path: filePath }).strict(),
  'workspace.open': z.object({ path: filePath }).strict(),
  'workspace.saveCopy': z.object({ path: filePath }).strict(),
  'workspace.save': z.object({}).strict(),
  /** The demo workspace (the 2014/15 Q4 appendix and Leicestershire's police.uk data), written to a new file and opened. */
  'workspace.createDemo': z.object({ path: filePath }).strict(),
  /** The earlier versions kept beside the open workspace, or beside the workspace file `path`. */
  'workspace.backups': z.object({ path: filePath.optional() }).strict(),
  /**
   * Puts a backup back (a long job: progress and Cancel through jobs.progress / jobs.cancel) and
   * opens the workspace restored: the open one, or the workspace file `path`.
   */
  'workspace.restoreBackup': z.object({ name: z.string().min(1).max(255), path: filePath.optional() }).strict(),
  'areas.list': z.object({}).strict(),
  'periods.list': z.object({}).strict(),
  /** `sparklines: true` adds each indicator's sparkline, computed with the appendix in one pass. */
  'dashboard.get': z.object({ period: text(40).min(1), sparklines: z.boolean().optional() }).strict(),
  'values.list': z
    .object({
      indicator: text(300).optional(),
      area: text(200).optional(),
      from: month.optional(),
      to: month.optional(),
    })
    .strict(),
  /** Why areas get no figure worked out from the areas within them (coverage), for one indicator. */
  'values.coverage': z.object({ indicator: text(300).min(1), area: text(200).optional() }).strict(),
  'export.appendix': z
    .object({
      period: text(40).min(1),
      format: z.enum(['xlsx', 'pdf', 'csv']),
      variant: z.enum(['standard', 'compact']).optional(),
      /** Where to write it; without a path the bytes come back for the renderer to save. */
      path: filePath.optional(),
    })
    .strict(),
  'chart.trend': z
    .object({
      indicator: text(300).min(1),
      area: text(200).min(1),
      from: month.optional(),
      to: month.optional(),
      rebase: z.array(month).max(24).optional(),
      /** monthly (with SPC, the default) or rolling12 (12-month totals or rates, no SPC). */
      view: z.enum(['monthly', 'rolling12']).optional(),
    })
    .strict(),
  'export.scorecard': z
    .object({
      period: text(40).min(1),
      baseline: text(20).min(1),
      projectTo: text(20).optional(),
      format: z.enum(['xlsx', 'pdf', 'csv']),
      path: filePath.optional(),
    })
    .strict(),
  'export.values': z
    .object({
      indicator: text(300).optional(),
      area: text(200).optional(),
      from: month.optional(),
      to: month.optional(),
      path: filePath.optional(),
    })
    .strict(),
  'periods.setTitle': z.object({ period: text(40).min(1), title: z.string().trim().min(1, 'a title').max(200).nullable() }).strict(),
  'imports.list': z.object({}).strict(),
  'imports.undo': z.object({ id: z.number().int().positive().optional() }).strict(),
  /**
   * Files the browser version sent once to the host as a binary upload (POST /upload), named by
   * the handles it returned: the plan, every mapping change and the import reuse them.
   */
  'import.uploaded': z
    .object({ uploads: z.array(z.string().regex(/^[0-9a-f]{32}$/, 'an upload handle')).min(1, 'at least one file').max(500), dryRun: z.boolean().optional(), ...importChoices() })
    .strict(),
  'import.files': z.object({ paths: z.array(filePath).min(1, 'at least one file').max(500), dryRun: z.boolean().optional(), ...importChoices() }).strict(),
  /** The tidy CSV template partners can fill in: written to `path`, or handed back as base64. */
  'import.template': z.object({ path: filePath.optional() }).strict(),
  /** How far the running import has got, for a progress bar. */
  'import.progress': z.object({}).strict(),
  /** Cancels the running import: it ends with nothing changed. */
  'import.cancel': z.object({}).strict(),
  /** How far the running long job (an import, the agenda pack export, a backup restore) has got. */
  'jobs.progress': z.object({}).strict(),
  /** Cancels the running long job: it ends with the workspace, and any file it was writing, as they were. */
  'jobs.cancel': z.object({}).strict(),
  'chart.districts': z.object({ indicator: text(300).min(1), period: text(40).min(1) }).strict(),
  'chart.sparklines': z.object({ period: text(40).min(1) }).strict(),
  'actions.list': z.object({ openOnly: z.boolean().optional() }).strict(),
  /** Adds an action (no id) or changes one; without a number the next free No. is given. */
  'actions.save': z
    .object({
      id: actionId.optional(),
      number: z.number().int('a whole number for No.').positive('a No. of 1 or more').max(999_999, 'a No. of at most 999,999').optional(),
      raisedOn: isoDate,
      action: z.string().trim().min(1, 'what the action is').max(2000, 'an action of at most 2,000 characters'),
      officer: z.string().trim().max(200, "a responsible officer's name of at most 200 characters"),
      comments: z.string().trim().max(4000, 'comments of at most 4,000 characters'),
      status: z.enum(['R', 'A', 'G'], 'a status of R (Red), A (Amber) or G (Green)'),
    })
    .strict(),
  'actions.close': z.object({ id: actionId, closedOn: isoDate.optional() }).strict(),
  'actions.reopen': z.object({ id: actionId }).strict(),
  'actions.delete': z.object({ id: actionId }).strict(),
  'export.actions': z.object({ format: z.enum(['xlsx', 'pdf', 'csv']), openOnly: z.boolean().optional(), path: filePath.optional() }).strict(),
  'dashboard.exceptions': z.object({ period: text(40).min(1) }).strict(),
  'periods.create': z.object({ name: text(40).min(1, 'a reporting period, e.g. 2024/25 Q3'), title: z.string().trim().min(1).max(200).nullable().optional() }).strict(),
  'periods.lock': z.object({ period: text(40).min(1) }).strict(),
  'periods.unlock': z.object({ period: text(40).min(1), reason: z.string().trim().min(3, 'a reason for unlocking (kept in the audit trail)').max(500) }).strict(),
  'judgements.setIndicator': z
    .object({
      period: text(40).min(1),
      indicatorId: z.number().int().positive(),
      judgement: z.enum(['direction', 'progress', 'county']),
      /** null: use Boardpack's suggestion. */
      choice: z.string().max(20).nullable(),
      reason: z.string().max(300, 'a reason of at most 300 characters'),
    })
    .strict(),
  'judgements.setOutcome': z
    .object({
      period: text(40).min(1),
      outcomeId: z.number().int().positive(),
      rag: z.enum(['R', 'A', 'G']).nullable(),
      comment: z.string().max(4000, 'a comment of at most 4,000 characters'),
    })
    .strict(),
  'history.get': z.object({}).strict(),
  'history.undo': z.object({}).strict(),
  'history.redo': z.object({}).strict(),
  'export.agendaPack': z
    .object({
      period: text(40).min(1),
      /** Each indicator's charts as drawn by the renderer; the handler checks they are PNGs. */
      charts: z.array(z.object({ indicatorId: z.number().int().positive(), trendPng: pngBase64, districtPng: pngBase64.optional() }).strict()).max(100),
      path: filePath.optional(),
    })
    .strict(),
  /** The audit trail, newest first; for one reporting period and/or one indicator when given. */
  'audit.list': z.object({ period: text(40).min(1).optional(), indicatorId: z.number().int().positive().optional() }).strict(),
  'export.audit': z.object({ period: text(40).min(1).optional(), indicatorId: z.number().int().positive().optional(), path: filePath.optional() }).strict(),
} as const;

export type MethodName = keyof typeof argumentSchemas;
export const METHOD_NAMES = Object.keys(argumentSchemas) as MethodName[];


export type ApiArgs<M extends MethodName> = z.infer<(typeof argumentSchemas)[M]>;

export interface ApiResults extends EditingResults, AreasResults {
  'workspace.info': WorkspaceInfo;
  'workspace.overview': WorkspaceOverview;
  'workspace.create': WorkspaceInfo;
  'workspace.open': WorkspaceInfo;
  'workspace.saveCopy': { path: string };
  'workspace.save': WorkspaceInfo;
  'workspace.createDemo': WorkspaceInfo;
  'workspace.backups': Backup[];
  'workspace.restoreBackup': WorkspaceInfo;
  'areas.list': Area[];
  'periods.list': ReportingPeriod[];
  'dashboard.get': AppendixModel & { sparklines?: Sparkline[] };
  'values.list': ValueRow[];
  'values.coverage': string[];
  'export.appendix': ExportedFile;
  'chart.trend': Trend;
  'chart.districts': DistrictComparison;
  'chart.sparklines': Sparkline[];
  'export.agendaPack': ExportedFile;
  'import.files': ImportReport;
  'import.uploaded': ImportReport;
  'import.template': ExportedFile;
  'import.progress': ImportProgress;
  'import.cancel': { cancelled: boolean };
  'jobs.progress': JobProgress;
  'jobs.cancel': { cancelled: boolean };
  'export.scorecard': ExportedFile;
  'export.values': ExportedFile;
  'periods.setTitle': ReportingPeriod;
  'imports.list': ImportRecord[];
  'imports.undo': { importId: number; files: string[]; rowsRestored: number };
  'actions.list': ActionLogEntry[];
  'actions.save': ActionLogEntry;
  'actions.close': ActionLogEntry;
  'actions.reopen': ActionLogEntry;
  'actions.delete': { deleted: number };
  'export.actions': ExportedFile;
  'dashboard.exceptions': ExceptionsReport;
  'periods.create': ReportingPeriod;
  'periods.lock': ReportingPeriod;
  'periods.unlock': ReportingPeriod;
  'judgements.setIndicator': AppendixModel;
  'judgements.setOutcome': AppendixModel;
  'history.get': HistoryState;
  'history.undo': HistoryState;
  'history.redo': HistoryState;
  'audit.list': AuditTrailRow[];
  'export.audit': ExportedFile;
}

/** An exported file: written to `path`, or handed back as base64 for the renderer to save. */
export interface ExportedFile {
  fileName: string;
  path: string | null;
  bytes: number;
  base64: string | null;
}

export type ApiResult<M extends MethodName> = ApiResults[M];

/** Kinds of error a user can meet; each carries a message written for them. */
export type ApiErrorCode =
  | 'unknown_method'
  | 'invalid_arguments'
  | 'not_found'
  | 'workspace'
  | 'conflict'
  | 'io'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

/** What travels back over every transport. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(argumentSchemas, name);
}

/** Validates raw arguments; the message names the method and what was expected. */
export function parseArguments<M extends MethodName>(method: M, raw: unknown): ApiResponse<ApiArgs<M>> {
  const parsed = argumentSchemas[method].safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ApiArgs<M> };
  const issues = parsed.error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, error: { code: 'invalid_arguments', message: `${method}: ${issues}` } };
}
