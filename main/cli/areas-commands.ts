/** `boardpack areas`: list a workspace's areas and comparator groups, or change them. */
import { call, required, UsageError, withSession, type Command } from './common';

export const areasCommands = {
  areas: {
    summary: "List a workspace's areas, or change them: add, rename, retire, main, group, use-group, delete-group.",
    usage:
      'boardpack areas --workspace W [--json]\n' +
      '       boardpack areas add CODE_OR_NAME --workspace W [--parent CODE]       (from the built-in geography)\n' +
      '       boardpack areas add --code CODE --name NAME --kind KIND --workspace W [--parent CODE]   (by hand)\n' +
      '       boardpack areas rename CODE_OR_NAME --name NEW --workspace W\n' +
      '       boardpack areas retire CODE_OR_NAME --workspace W [--on YYYY-MM-DD] [--restore]\n' +
      "       boardpack areas main CODE_OR_NAME --workspace W                      (the board's main area)\n" +
      '       boardpack areas group NAME --members CODE,CODE,... --workspace W [--default]\n' +
      '       boardpack areas use-group NAME|--none --workspace W\n' +
      '       boardpack areas delete-group NAME --workspace W',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file' },
      json: { type: 'boolean', help: 'list as JSON' },
      parent: { type: 'string', help: 'add: the code of the area above it (in the workspace)' },
      code: { type: 'string', help: 'add by hand: the area code' },
      name: { type: 'string', help: "add by hand, rename: the area's name" },
      kind: { type: 'string', help: 'add by hand: county, district, unitary, region, force, csp or comparator' },
      on: { type: 'string', help: 'retire: from this date, YYYY-MM-DD (default today)' },
      restore: { type: 'boolean', help: 'retire: bring a retired area back' },
      members: { type: 'string', help: 'group: the areas, ONS codes or names separated by commas' },
      default: { type: 'boolean', help: 'group: use it when an indicator names no group' },
      none: { type: 'boolean', help: 'use-group: compare with every area of the main area\'s kind' },
    },
    async run(values, positionals) {
      const [action, target, ...extra] = positionals;
      const file = required(values, 'workspace');
      if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}": put names with spaces in quotes.`);
      if (action === undefined) {
        const page = await withSession(file, (s) => call(s, 'areas.page', {}));
        if (values.json) {
          console.log(JSON.stringify(page, null, 2));
          return 0;
        }
        console.log(['code', 'name', 'kind', 'parent', 'population years', 'status'].join('\t'));
        for (const a of page.areas) {
          const status = [a.main ? 'main area' : '', a.retiredOn ? `retired ${a.retiredOn}` : ''].filter(Boolean).join(', ');
          console.log([a.code, a.name, a.kind, a.parentCode ?? '', a.populationYears.join(' '), status].join('\t'));
        }
        for (const g of page.groups) console.log(`Comparator group "${g.name}"${g.name === page.defaultGroup ? ' (default)' : ''}: ${g.memberCodes.join(', ')}`);
        return 0;
      }
      const need = (what: string) => {
        if (!target) throw new UsageError(`say which ${what}: "boardpack areas ${action} ${what.toUpperCase().replace(/ /g, '_')} --workspace W".`);
        return target;
      };
      let messages: string[] = [];
      let done: string;
      await withSession(
        file,
        async (s) => {
          if (action === 'add') {
            if (target) {
              const r = await call(s, 'areas.add', { from: target, ...(typeof values.parent === 'string' ? { parentCode: values.parent } : {}) });
              messages = r.messages;
              const added = r.areas[r.areas.length - 1];
              done = `Added ${r.areas.find((a) => a.code === target.toUpperCase() || a.name.toLowerCase() === target.toLowerCase())?.name ?? added?.name ?? target}.`;
            } else {
              const kind = required(values, 'kind');
              const kinds = ['county', 'district', 'unitary', 'region', 'force', 'csp', 'comparator'] as const;
              if (!(kinds as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${kinds.join(', ')}, not "${kind}".`);
              await call(s, 'areas.add', { code: required(values, 'code'), name: required(values, 'name'), kind: kind as (typeof kinds)[number], ...(typeof values.parent === 'string' ? { parentCode: values.parent } : {}) });
              done = `Added ${String(values.name)} (${String(values.code).toUpperCase()}).`;
            }
          } else if (action === 'rename') {
            const name = required(values, 'name');
            await call(s, 'areas.rename', { area: need('area'), name });
            done = `Renamed ${target} to ${name}.`;
          } else if (action === 'retire') {
            const on = values.restore ? null : typeof values.on === 'string' ? values.on : new Date().toISOString().slice(0, 10);
            await call(s, 'areas.retire', { area: need('area'), on });
            done = on === null ? `Brought ${target} back.` : `Retired ${target} from ${on}; its values are kept.`;
          } else if (action === 'main') {
            await call(s, 'areas.setMain', { area: need('area') });
            done = `${target} is now the board's main area.`;
          } else if (action === 'group') {
            const members = required(values, 'members').split(',').map((m) => m.trim()).filter(Boolean);
            const r = await call(s, 'areas.saveGroup', { name: need('group name'), members, makeDefault: values.default === true });
            messages = r.messages;
            done = `Saved the comparator group "${target}" (${members.length} areas)${values.default === true ? ', used when an indicator names no group' : ''}.`;
          } else if (action === 'use-group') {
            if (values.none !== true) need('group name');
            await call(s, 'areas.useGroup', { name: values.none === true ? null : target! });
            done = values.none === true ? "Comparing with every area of the main area's kind." : `Using the comparator group "${target}" when an indicator names none.`;
          } else if (action === 'delete-group') {
            await call(s, 'areas.deleteGroup', { name: need('group name') });
            done = `Deleted the comparator group "${target}".`;
          } else {
            throw new UsageError(`"${action}" is not an areas command; use add, rename, retire, main, group, use-group or delete-group.`);
          }
        },
        'write',
      );
      for (const m of messages) console.log(m);
      console.log(done!);
      return 0;
    },
  },
} satisfies Record<string, Command>;
