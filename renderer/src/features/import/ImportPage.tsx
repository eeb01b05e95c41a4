/**
 * Import: choose or drop files -> Boardpack says what it recognised and what would change ->
 * for tidy and wide tables, the detected shape and column mapping (each column's role can be
 * changed), the first values as they will be held and the problems -> the analyst imports
 * (one transaction) -> the result, with Undo. Recent imports can be undone too, restoring
 * exactly what they replaced. The tidy template can be downloaded for partners.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, ProgressBar, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ImportProgress, ImportReport } from '../../../../shared/api/types';
import type { Polarity, Unit } from '../../../../shared/domain/types';
import { call, importSource, type ImportSource } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useFocusKept } from '../../components/useFocusKept';
import { ProblemsTable, TablePlanView, type TableChoice } from './TablePlanView';
import './import.css';
import { downloadBase64 } from '../../components/download';
import { importSummaryText, MAX_REASONS_SHOWN, namedListLine, recentFilesText, type ImportSummaryText, type NamedList, type PoliceUkCountedText } from './summary';

type ImportArgs = { dryRun: boolean } & Partial<ReturnType<typeof choicesOf>>;

function choicesOf(m: Record<string, TableChoice>, create: boolean, indicators: Record<string, { unit: Unit; polarity: Polarity }>, year = '') {
  return {
    mappings: Object.entries(m).map(([file, c]) => ({ file, ...c })),
    createAreas: create,
    indicators: Object.entries(indicators).map(([name, c]) => ({ name, ...c })),
    ...(/^\d{4}$/.test(year.trim()) ? { populationYear: Number(year.trim()) } : {}),
  };
}

/** What the import is doing, in words: each phase has its own bar. */
function progressText(p: ImportProgress): string {
  const percent = `${Math.round(p.fraction * 100)}%`;
  if (p.phase === 'storing') return `Storing the values of ${p.file}: ${percent}`;
  if (p.phase === 'saving') return 'Saving the workspace...';
  return `Reading ${p.file}: ${percent}`;
}

/** Plans or imports the chosen files: by path (Electron) or by upload handle (browser). */
function runImport(source: ImportSource, args: ImportArgs): Promise<ImportReport> {
  return 'paths' in source ? call('import.files', { paths: source.paths, ...args }) : call('import.uploaded', { uploads: source.uploads, ...args });
}

function FileList({ files }: { files: ImportSummaryText['files'] }) {
  return (
    <ul>
      {files.map((f) => (
        <li key={f.key}>
          <strong>{f.file}</strong>
          {f.detail}
        </li>
      ))}
    </ul>
  );
}

/** "Would count police.uk crimes for 7 districts: Blaby, Charnwood, ...", with every name on demand. */
function NamedListLine({ list, noun }: { list: NamedList; noun: string }) {
  return (
    <>
      <p>
        {list.lead}: {namedListLine(list)}.
      </p>
      {list.more > 0 && (
        <details>
          <summary>
            Show all {list.all.length} {noun}
          </summary>
          <p>{list.all.join(', ')}.</p>
        </details>
      )}
    </>
  );
}

/** What the police.uk files are counted into: which districts, crime types and months. */
function PoliceUkCounted({ text }: { text: PoliceUkCountedText }) {
  return (
    <div className="import-counted">
      {text.districts ? <NamedListLine list={text.districts} noun="districts" /> : <p>{text.noDistricts}</p>}
      <NamedListLine list={text.crimeTypes} noun="crime types" />
      <p>{text.months}</p>
    </div>
  );
}

function Summary({ report }: { report: ImportReport }) {
  const text = importSummaryText(report);
  return (
    <div className="import-summary">
      {text.filesInBrief ? (
        <>
          <p>{text.filesInBrief}.</p>
          <details>
            <summary>Show all {text.files.length} files</summary>
            <FileList files={text.files} />
          </details>
        </>
      ) : (
        <FileList files={text.files} />
      )}
      {text.policeUk && <PoliceUkCounted text={text.policeUk} />}
      <p>{text.totals}</p>
      {report.warnings.map((w) => (
        <MessageBar key={w} intent="warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      {text.skipped.slice(0, MAX_REASONS_SHOWN).map((line) => (
        <p key={line}>{line}</p>
      ))}
      {text.skipped.length > MAX_REASONS_SHOWN && (
        <details>
          <summary>Show {text.skipped.length - MAX_REASONS_SHOWN} more left out</summary>
          {text.skipped.slice(MAX_REASONS_SHOWN).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </details>
      )}
      {text.conflicts && (
        <MessageBar intent="warning">
          <MessageBarBody>{text.conflicts}</MessageBarBody>
        </MessageBar>
      )}
      {text.created.slice(0, MAX_REASONS_SHOWN).map((line) => (
        <p key={line}>{line}</p>
      ))}
      {text.created.length > MAX_REASONS_SHOWN && (
        <details>
          <summary>Show {text.created.length - MAX_REASONS_SHOWN} more {report.dryRun ? 'to be created' : 'created'}</summary>
          {text.created.slice(MAX_REASONS_SHOWN).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </details>
      )}
      {report.changed.length > 0 && (
        <Table size="small" aria-label="Values that change">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Indicator</TableHeaderCell>
              <TableHeaderCell>Period</TableHeaderCell>
              <TableHeaderCell>Old</TableHeaderCell>
              <TableHeaderCell>New</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.changed.map((c) => (
              <TableRow key={`${c.indicator}/${c.span}`}>
                <TableCell>{c.indicator}</TableCell>
                <TableCell>{c.span}</TableCell>
                <TableCell>{c.old}</TableCell>
                <TableCell>{c.new}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

export function ImportPage({ dropped, onChanged }: { dropped: File[] | null; onChanged(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const [chosen, setChosen] = useState<ImportSource | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [mappings, setMappings] = useState<Record<string, TableChoice>>({});
  const [createAreas, setCreateAreas] = useState(false);
  const [indicatorChoices, setIndicatorChoices] = useState<Record<string, { unit: Unit; polarity: Polarity }>>({});
  // The year of ONS population estimates, asked for when the file does not give it.
  const [needYear, setNeedYear] = useState(false);
  const [populationYear, setPopulationYear] = useState('');
  const imports = useApi('imports.list', {});
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  /** While the browser version sends the files to Boardpack (before the core starts reading). */
  const [sending, setSending] = useState<{ progress: ImportProgress; controller: AbortController } | null>(null);

  // While Boardpack reads files (a large CSV takes seconds), show how far it has got, with Cancel.
  // The host answers import.progress at once from what the core last said, so polling is cheap.
  useEffect(() => {
    if (!busy) {
      setProgress(null);
      return;
    }
    let stopped = false;
    const timer = setInterval(() => {
      void call('import.progress', {})
        .then((p) => !stopped && setProgress(p.running ? p : null))
        .catch(() => undefined);
    }, 250);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [busy]);

  const choices = (m: Record<string, TableChoice>, create: boolean, indicators: Record<string, { unit: Unit; polarity: Polarity }>, year = populationYear) => choicesOf(m, create, indicators, year);
  /** An error that asks for the year of population estimates keeps the files and shows the year field. */
  const asksForYear = (message: string) => /--year/.test(message);

  const choose = useCallback(async (files: File[]) => {
    setError(null);
    setResult(null);
    setPreview(null);
    setNotice(null);
    setMappings({});
    setCreateAreas(false);
    setIndicatorChoices({});
    setNeedYear(false);
    setPopulationYear('');
    if (files.length === 0) return;
    setBusy(true);
    let read: ImportSource | null = null;
    try {
      const controller = new AbortController();
      read = await importSource(files, {
        signal: controller.signal,
        onSent: (bytes, total, name) => setSending({ controller, progress: { running: true, file: name, fraction: total > 0 ? bytes / total : 0, cancelled: controller.signal.aborted } }),
      }).finally(() => setSending(null));
      setChosen(read);
      setPreview(await runImport(read, { dryRun: true }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const year = read !== null && asksForYear(message);
      setNeedYear(year);
      setChosen(year ? read : null);
      setError(message);
    } finally {
      setBusy(false);
    }
  }, []);

  /** Runs the preview again with the analyst's choices. */
  const rethink = async (m: Record<string, TableChoice>, create: boolean) => {
    if (!chosen) return;
    setMappings(m);
    setCreateAreas(create);
    setBusy(true);
    setError(null);
    try {
      setPreview(await runImport(chosen, { dryRun: true, ...choices(m, create, indicatorChoices) }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (asksForYear(message)) setNeedYear(true);
      setError(message);
    } finally {
      setBusy(false);
    }
  };

  const template = async () => {
    setError(null);
    try {
      const file = await call('import.template', {});
      if (file.base64) downloadBase64(file.base64, file.fileName, 'csv');
      setNotice(`Saved "${file.fileName}": one value per row, with the columns Boardpack reads without asking. Send it to partners.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  // Focus goes back where it was when the work ends (a mapping's list, Undo); if that has gone
  // with the work (Cancel with the progress, Import with the plan), to Choose files.
  useFocusKept(busy, chooseButton);

  useEffect(() => {
    if (dropped) void choose(dropped);
  }, [dropped, choose]);

  const commit = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      setResult(await runImport(chosen, { dryRun: false, ...choices(mappings, createAreas, indicatorChoices) }));
      setPreview(null);
      setChosen(null);
      imports.reload();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const undo = async (id?: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('imports.undo', id === undefined ? {} : { id });
      setNotice(`Undid import ${r.importId} (${r.files.join(', ')}): the values it replaced are back.`);
      setResult(null);
      imports.reload();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-heading" className="import-page">
      <h2 id="import-heading">Import figures</h2>
      <div className="paper drop-zone">
        <p>Drop files anywhere on the window, or choose them: tables of figures from partners (one value per row, or periods or areas across), the appendix layout, police.uk street-level crime files, ONS population estimates and area lookups (.xlsx, .csv, .tsv, .txt).</p>
        {/* Out of the Tab order: Choose files... opens it, so a keyboard user has one visible stop, not an invisible one before it. */}
        <input
          ref={input}
          type="file"
          multiple
          accept=".xlsx,.csv,.tsv,.txt"
          className="sr-only"
          tabIndex={-1}
          aria-label="Files to import"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            // Cleared so that choosing the same file again (corrected, or next quarter's) reads it again.
            e.target.value = '';
            void choose(files);
          }}
        />
        {/* Stays focusable while files are read, so a keyboard user keeps their place. */}
        <Button ref={chooseButton} appearance="primary" onClick={() => input.current?.click()} disabled={busy} disabledFocusable={busy}>
          Choose files...
        </Button>
        <Button onClick={() => void template()} disabled={busy}>
          Download the template (CSV)
        </Button>
        {busy && !progress && !sending && <Spinner size="tiny" label="Reading..." labelPosition="after" />}
        {busy && !progress && sending && (
          <div className="import-progress" role="status" aria-label="Import progress">
            <span>{sending.progress.cancelled ? 'Cancelling...' : `Sending ${sending.progress.file} to Boardpack: ${Math.round(sending.progress.fraction * 100)}%`}</span>
            <ProgressBar value={sending.progress.fraction} thickness="large" />
            <Button size="small" onClick={() => sending.controller.abort()} disabledFocusable={sending.progress.cancelled}>
              Cancel the import
            </Button>
          </div>
        )}
        {busy && progress && (
          <div className="import-progress" role="status" aria-label="Import progress">
            <span>
              {progress.cancelled ? 'Cancelling...' : progressText(progress)}
            </span>
            <ProgressBar value={progress.fraction} thickness="large" />
            <Button size="small" onClick={() => void call('import.cancel', {})} disabledFocusable={progress.cancelled}>
              Cancel the import
            </Button>
          </div>
        )}
      </div>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {needYear && chosen && (
        <div className="paper button-row" role="group" aria-label="Year of the population estimates">
          <Field label="Year of the population estimates (mid-year), e.g. 2023" hint="The file does not say which year it holds.">
            <Input type="number" min={1900} max={2100} value={populationYear} onChange={(_e, d) => setPopulationYear(d.value)} />
          </Field>
          <Button appearance="primary" disabled={busy || !/^\d{4}$/.test(populationYear.trim())} onClick={() => { setNeedYear(false); void rethink(mappings, createAreas); }}>
            Read again with this year
          </Button>
        </div>
      )}
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <div className="paper" role="region" aria-label="What the import will do">
          <h3>What will happen</h3>
          {/* The decision first, where it is seen without scrolling; the details follow. */}
          <div className="button-row">
            <Button appearance="primary" onClick={() => void commit()} disabled={busy || (preview.tables ?? []).some((t) => t.blocking !== null)}>
              {(preview.tables ?? []).some((t) => t.problemCount > 0) ? 'Import the valid rows' : 'Import'}
            </Button>
            <Button
              onClick={() => {
                setPreview(null);
                setChosen(null);
                // The plan goes, and its Cancel with it: focus goes back to Choose files.
                chooseButton.current?.focus();
              }}
              disabled={busy}
            >
              Cancel
            </Button>
          </div>
          <Summary report={preview} />
          {preview.tables?.map((plan) => (
            <TablePlanView
              key={`${plan.file}/${plan.sheet}`}
              plan={plan}
              busy={busy}
              createAreas={createAreas}
              onCreateAreas={(create) => void rethink(mappings, create)}
              onChange={(c) => void rethink({ ...mappings, [plan.file]: c }, createAreas)}
              indicatorChoices={indicatorChoices}
              onIndicatorChoice={(name, c) => setIndicatorChoices({ ...indicatorChoices, [name]: c })}
            />
          ))}
        </div>
      )}
      {result && (
        <div className="paper" role="region" aria-label="Import result">
          <h3>Imported</h3>
          <Summary report={result} />
          {result.tables
            ?.filter((t) => t.problems.length > 0)
            .map((t) => (
              <div key={`${t.file}/${t.sheet}`}>
                <h4>
                  Left out of {t.file}
                  {t.sheet ? `, sheet "${t.sheet}"` : ''}: fix these in the file and import it again
                </h4>
                <ProblemsTable plan={t} />
              </div>
            ))}
          <Button onClick={() => void undo(result.importId ?? undefined)} disabled={busy}>
            Undo this import
          </Button>
        </div>
      )}
      <h3>Recent imports</h3>
      {imports.data && imports.data.length === 0 && <p>Nothing has been imported into this workspace yet.</p>}
      {imports.data && imports.data.length > 0 && (
        <Table size="small" aria-label="Recent imports">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>No.</TableHeaderCell>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell>Who</TableHeaderCell>
              <TableHeaderCell>Files</TableHeaderCell>
              <TableHeaderCell>Values</TableHeaderCell>
              <TableHeaderCell>Undo</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {imports.data.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.id}</TableCell>
                <TableCell>{i.importedAt.slice(0, 16).replace('T', ' ')}</TableCell>
                <TableCell>{i.osUser}</TableCell>
                <TableCell>
                  {i.files.length <= 3 ? (
                    recentFilesText(i.files)
                  ) : (
                    <details>
                      <summary>{recentFilesText(i.files)}</summary>
                      {i.files.join(', ')}
                    </details>
                  )}
                </TableCell>
                <TableCell>
                  {i.counts.added ?? 0} added, {i.counts.changed ?? 0} changed, {i.counts.unchanged ?? 0} unchanged
                </TableCell>
                <TableCell>
                  {i.undoneAt ? (
                    'Undone'
                  ) : (
                    <Button size="small" onClick={() => void undo(i.id)} disabled={busy} aria-label={`Undo import ${i.id}`}>
                      Undo
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
