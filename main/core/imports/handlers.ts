/** The import API methods: import files (by path or uploaded), progress, cancel, the template, undo an import. */
import type { ImportReport } from '../../../shared/api/types';
import { saveOrReturn } from '../exports';
import { forgetImport, recordImport } from '../history';
import type { FeatureHandlers, Session } from '../session';
import type { Workspace } from '../store/workspace';
import { importFiles, importUploaded } from './importing';
import { listImports, undoImport } from './undo-import';
import { cancelImport, importProgress, trackImport } from './running';
import { TEMPLATE_FILE_NAME, tidyTemplateCsv } from './template';
import { discardUploads, uploadedFiles } from './uploads';

/** Puts a committed import on the undo stack, labelled with its files. */
function remembered(workspace: Workspace, report: ImportReport): ImportReport {
  if (report.importId !== null) {
    const names = report.files.map((f) => f.file);
    const label = names.length === 1 ? `Import ${names[0]}` : `Import ${names.length} files`;
    recordImport(workspace, label, report.importId);
  }
  return report;
}

type Methods = 'import.files' | 'import.uploaded' | 'import.upload' | 'import.progress' | 'import.cancel' | 'import.template' | 'imports.list' | 'imports.undo';

export function importsHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'import.files': async ({ paths, ...choices }) => remembered(ws(), await trackImport(session, (controls) => importFiles(ws(), paths, { ...choices, ...controls }))),
    'import.uploaded': async ({ uploads, ...choices }) => {
      const paths = await uploadedFiles(session.uploadDir, uploads);
      const report = remembered(ws(), await trackImport(session, (controls) => importFiles(ws(), paths, { ...choices, ...controls })));
      // Imported: the uploads are done with (a plan keeps them for the next change of mapping).
      if (!choices.dryRun) await discardUploads(session.uploadDir!, uploads);
      return report;
    },
    'import.upload': async ({ files, ...choices }) => remembered(ws(), await trackImport(session, (controls) => importUploaded(ws(), files, { ...choices, ...controls }))),
    'import.progress': async () => importProgress(session),
    'import.cancel': async () => ({ cancelled: cancelImport(session) }),
    'import.template': async ({ path }) => saveOrReturn(Buffer.from(tidyTemplateCsv(ws().db), 'utf8'), TEMPLATE_FILE_NAME, path),
    'imports.list': async () => listImports(ws()),
    'imports.undo': async ({ id }) => {
      const undone = await undoImport(ws(), id);
      forgetImport(ws(), undone.importId);
      return undone;
    },
  };
}
