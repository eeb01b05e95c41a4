/** The import API methods: import files (by path or uploaded), progress, cancel, the template, undo an import. */
import type { ImportReport } from '../../../shared/api/types';
import { saveOrReturn } from '../exports';
import type { FeatureHandlers, Session } from '../session';
import { importFiles } from './importing';
import { cancelImport, importProgress, trackImport } from './running';
import { listImports, rememberImport, undoImport } from './undo-import';
import { TEMPLATE_FILE_NAME, tidyTemplateCsv } from './template';
import { discardUploads, uploadedFiles } from './uploads';

/** Puts a committed import on the session's undo stack. */
function remembered(session: Session, report: ImportReport): ImportReport {
  if (report.importId !== null) rememberImport(session.history, report.importId, report.files.map((f) => f.file));
  return report;
}

type Methods = 'import.files' | 'import.uploaded' | 'import.progress' | 'import.cancel' | 'import.template' | 'imports.list' | 'imports.undo';

export function importsHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'import.files': async ({ paths, ...choices }) => remembered(session, await trackImport(session, (controls) => importFiles(ws(), paths, { ...choices, ...controls }))),
    'import.uploaded': async ({ uploads, ...choices }) => {
      const paths = await uploadedFiles(session.uploadDir, uploads);
      const report = remembered(session, await trackImport(session, (controls) => importFiles(ws(), paths, { ...choices, ...controls })));
      // Imported: the uploads are done with (a plan keeps them for the next change of mapping).
      if (!choices.dryRun) await discardUploads(session.uploadDir!, uploads);
      return report;
    },
    'import.progress': async () => importProgress(session),
    'import.cancel': async () => ({ cancelled: cancelImport(session) }),
    'import.template': async ({ path }) => saveOrReturn(Buffer.from(tidyTemplateCsv(ws().db), 'utf8'), TEMPLATE_FILE_NAME, path),
    'imports.list': async () => listImports(ws()),
    'imports.undo': async ({ id }) => undoImport(session.history, id),
  };
}
