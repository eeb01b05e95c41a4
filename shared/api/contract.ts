/**
 * The API contract: every method, its argument schema (checked at run time by every host)
 * and its result type. Electron's IPC, the browser host and the CLI all call the same
 * handler table (main/core/api.ts) through this contract.
 */
import { z } from 'zod';
import type { AppendixModel } from '../domain/appendix';
import type { Area, Backup, DistrictComparison, ImportRecord, ImportReport, ReportingPeriod, Sparkline, Trend, ValueRow, WorkspaceInfo, WorkspaceOverview } from './types';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM, e.g. 2024-06');
const filePath = z.string().min(1, 'a file path').max(4096);
const text = (max: number) => z.string().max(max);
/** A chart image: base64, at most 2 MB decoded. */
const pngBase64 = z
  .string()
  .min(1, 'a PNG image as base64')
  .max(2_796_204, 'a PNG image of at most 2 MB')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a PNG image as base64 (no data: prefix)');

export const argumentSchemas = {
  'workspace.info': z.object({}).strict(),
  'workspace.overview': z.object({}).strict(),
  'workspace.create': z.object({ path: filePath }).strict(),
  'workspace.open': z.object({ path: filePath }).strict(),
  'workspace.saveCopy': z.object({ path: filePath }).strict(),
  'workspace.save': z.object({}).strict(),
  'workspace.backups': z.object({}).strict(),
  'workspace.restoreBackup': z.object({ name: z.string().min(1).max(255) }).strict(),
  'areas.list': z.object({}).strict(),
  'periods.list': z.object({}).strict(),
  'dashboard.get': z.object({ period: text(40).min(1) }).strict(),
  'values.list': z
    .object({
      indicator: text(300).optional(),
      area: text(200).optional(),
      from: month.optional(),
      to: month.optional(),
    })
    .strict(),
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
  'import.upload': z
    .object({
      files: z
        .array(z.object({ name: z.string().min(1).max(255), base64: z.string().max(90_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file contents as base64') }).strict())
        .min(1, 'at least one file')
        .max(100),
      dryRun: z.boolean().optional(),
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
  'import.files': z.object({ paths: z.array(filePath).min(1, 'at least one file').max(500), dryRun: z.boolean().optional() }).strict(),
  'chart.districts': z.object({ indicator: text(300).min(1), period: text(40).min(1) }).strict(),
  'chart.sparklines': z.object({ period: text(40).min(1) }).strict(),
  'export.agendaPack': z
    .object({
      period: text(40).min(1),
      /** Each indicator's charts as drawn by the renderer; the handler checks they are PNGs. */
      charts: z.array(z.object({ indicatorId: z.number().int().positive(), trendPng: pngBase64, districtPng: pngBase64.optional() }).strict()).max(100),
      path: filePath.optional(),
    })
    .strict(),
} as const;

export type MethodName = keyof typeof argumentSchemas;
export const METHOD_NAMES = Object.keys(argumentSchemas) as MethodName[];

export type ApiArgs<M extends MethodName> = z.infer<(typeof argumentSchemas)[M]>;

export interface ApiResults {
  'workspace.info': WorkspaceInfo;
  'workspace.overview': WorkspaceOverview;
  'workspace.create': WorkspaceInfo;
  'workspace.open': WorkspaceInfo;
  'workspace.saveCopy': { path: string };
  'workspace.save': WorkspaceInfo;
  'workspace.backups': Backup[];
  'workspace.restoreBackup': WorkspaceInfo;
  'areas.list': Area[];
  'periods.list': ReportingPeriod[];
  'dashboard.get': AppendixModel;
  'values.list': ValueRow[];
  'export.appendix': ExportedFile;
  'chart.trend': Trend;
  'chart.districts': DistrictComparison;
  'chart.sparklines': Sparkline[];
  'export.agendaPack': ExportedFile;
  'import.files': ImportReport;
  'import.upload': ImportReport;
  'export.scorecard': ExportedFile;
  'export.values': ExportedFile;
  'periods.setTitle': ReportingPeriod;
  'imports.list': ImportRecord[];
  'imports.undo': { importId: number; files: string[]; rowsRestored: number };
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
