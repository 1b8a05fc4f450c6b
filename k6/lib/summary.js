// handleSummary for every scenario: the whole summary as JSON (what compare.sh reads) and a small
// text table, both under RESULTS_DIR/<testid>/. Written here because no module is fetched at run time.
import { RESULTS_DIR } from './config.js';

export function summaryHandler(meta) {
    return function handleSummary(data) {
        const dir = `${RESULTS_DIR}/${meta.testid}`;
        const text = textSummary(data, meta);
        return {
            [`${dir}/summary.json`]: JSON.stringify(Object.assign({ meta }, data), null, 2),
            [`${dir}/summary.txt`]: text,
            stdout: text,
        };
    };
}

export function textSummary(data, meta) {
    const checks = allChecks(data.root_group);
    const failed = checks.filter((c) => c.fails > 0);
    const passes = checks.reduce((sum, c) => sum + c.passes, 0);
    const lines = [
        `${meta.workload} on ${meta.service}, testid ${meta.testid}`,
        `checks: ${passes} passed, ${checks.reduce((sum, c) => sum + c.fails, 0)} failed`,
        ...failed.map((c) => `  failed: ${c.path} (${c.fails} of ${c.passes + c.fails})`),
        '',
        row(['metric', 'count', 'rate', 'avg', 'p(50)', 'p(99)', 'max', 'thresholds']),
    ];
    for (const name of Object.keys(data.metrics).sort()) {
        lines.push(row([name, ...columns(data.metrics[name]), thresholds(data.metrics[name])]));
    }
    return lines.join('\n') + '\n';
}

function allChecks(group) {
    if (!group) {
        return [];
    }
    return group.checks.concat(...group.groups.map(allChecks));
}

function columns(metric) {
    const v = metric.values;
    const time = (x) => (x === undefined ? '' : metric.contains === 'time' ? `${x.toFixed(1)}ms` : x.toFixed(2));
    switch (metric.type) {
        case 'trend':
            return [String(v.count === undefined ? '' : v.count), '', time(v.avg), time(v.med), time(v['p(99)']), time(v.max)];
        case 'counter':
            return [String(v.count), `${v.rate.toFixed(2)}/s`, '', '', '', ''];
        case 'rate':
            return [`${v.passes}/${v.passes + v.fails}`, `${(100 * v.rate).toFixed(2)}%`, '', '', '', ''];
        default:
            return ['', '', '', '', '', String(v.max === undefined ? v.value : v.max)];
    }
}

function thresholds(metric) {
    return Object.entries(metric.thresholds || {}).map(([t, r]) => `${r.ok ? 'ok' : 'FAILED'} ${t}`).join(', ');
}

function row(cells) {
    const widths = [46, 9, 10, 10, 10, 10, 10, 0];
    return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ').trimEnd();
}
