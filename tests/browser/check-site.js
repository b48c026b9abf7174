#!/usr/bin/env node
/*
 * Drive Debian's Chromium over a built release's html/ from file:// and check
 * what a person would see (tests/cli/t3010-html-browser.sh runs it).
 *
 *   node tests/browser/check-site.js [--every-page] RELEASE_DIR OUT_DIR
 *
 * RELEASE_DIR holds data/scenarios/<split>.jsonl and html/; OUT_DIR receives the
 * screenshots (*.png) and report.json. The expected filter counts come from
 * data/scenarios/, not from the page. Any console message, page error,
 * dialog (alert), securitypolicyviolation event, failed request or request to
 * a non-file: URL is a failure. --every-page only opens every page of the
 * site (with every <details> opened) and checks for those: the injection
 * test uses it.
 * Prints "ok - ..." / "not ok - ..." lines; exits 1 on any failure.
 *
 * Environment: CHROMIUM (default /usr/bin/chromium), NODE_PATH or
 * BROWSER_NODE_MODULES (default build/npm/node_modules beside this repo).
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const modules = process.env.BROWSER_NODE_MODULES || path.join(repo, 'build', 'npm', 'node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));

const argv = process.argv.slice(2);
const everyPage = argv[0] === '--every-page';
if (everyPage) argv.shift();
const [releaseDir, outDir] = argv.map((p) => p && path.resolve(p));
if (!releaseDir || !outDir) {
	console.error('usage: check-site.js RELEASE_DIR OUT_DIR');
	process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const scenarios = ['train', 'validation', 'test']
	.map((s) => fs.readFileSync(path.join(releaseDir, 'data', 'scenarios', s + '.jsonl'), 'utf8'))
	.join('')
	.split('\n').filter(Boolean).map((l) => JSON.parse(l))
	.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const N = scenarios.length;
const html = path.join(releaseDir, 'html');
const url = (rel) => 'file://' + path.join(html, rel).split(path.sep).map(encodeURIComponent).join('/');

let failures = 0;
const problems = []; /* console messages, page errors, CSP violations, outside requests */
const visited = [];
const shots = [];

function report(ok, what, detail) {
	if (ok) {
		console.log('ok - ' + what);
	} else {
		failures++;
		console.log('not ok - ' + what + (detail === undefined ? '' : ': ' + detail));
	}
}

function haystack(s) {
	return [s.title, s.id, ...(s.capabilities || []), s.split, s.origin, ...(s.tags || []), s.quest || '']
		.join(' ').toLowerCase();
}

function behaviorMatch(s, label, feature) {
	return s.behaviors.some((b) => (!label || b.label === label) &&
		(!feature || (b.features || []).includes(feature)));
}

async function watch(context) {
	await context.exposeBinding('__cspViolation', (source, v) => {
		problems.push({ kind: 'csp', page: source.page && source.page.url(), ...v });
	});
	/* init scripts come through the devtools protocol, which CSP does not govern */
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			window.__cspViolation({ directive: e.violatedDirective, blocked: e.blockedURI,
				source: e.sourceFile, line: e.lineNumber });
		});
	});
	await context.route('**/*', (route) => {
		const u = route.request().url();
		if (u.startsWith('file:')) return route.continue();
		problems.push({ kind: 'outside-request', url: u });
		return route.abort();
	});
	context.on('page', (page) => hookPage(page));
}

function hookPage(page) {
	page.on('console', (m) => problems.push({ kind: 'console', type: m.type(), text: m.text(), page: page.url() }));
	page.on('pageerror', (e) => problems.push({ kind: 'pageerror', text: String(e), page: page.url() }));
	page.on('dialog', (d) => {
		problems.push({ kind: 'dialog', type: d.type(), text: d.message(), page: page.url() });
		d.dismiss().catch(() => {});
	});
	page.on('request', (r) => {
		if (!r.url().startsWith('file:')) problems.push({ kind: 'outside-request', url: r.url(), page: page.url() });
	});
	page.on('requestfailed', (r) => problems.push({ kind: 'requestfailed', url: r.url(), error: r.failure() && r.failure().errorText }));
	page.on('load', () => visited.push(page.url()));
}

async function visibleRows(page) {
	return page.$$eval('#scenarios tbody tr', (rows) => rows.filter((r) => !r.hidden && r.offsetParent !== null).length);
}

async function shot(page, name, height) {
	const file = path.join(outDir, name + '.png');
	/* a long page is cut at height pixels, so the picture stays legible */
	const full = await page.evaluate(() => document.documentElement.scrollHeight);
	const vw = page.viewportSize().width;
	await page.screenshot({ path: file, fullPage: true,
		clip: { x: 0, y: 0, width: vw, height: Math.min(full, height || 2400) } });
	shots.push(file);
}

async function noOverflow(page, what) {
	const o = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
	report(o.sw <= o.w, what + ' has no horizontal scrolling', JSON.stringify(o));
}

async function desktop(browser) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await watch(context);
	const page = await context.newPage(); /* watch() hooks it */
	page.setDefaultTimeout(15000);

	await page.goto(url('index.html'));
	report(await page.isVisible('#filters'), 'the script shows the filter form');
	report(await visibleRows(page) === N, 'the index shows every scenario', await visibleRows(page) + ' of ' + N);
	await shot(page, 'index-desktop');

	/* the first key press reaches the skip link */
	await page.keyboard.press('Tab');
	const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
	report(focused === 'skip', 'Tab focuses the skip link first', focused);

	/* text search: a scenario id; expected from data/scenarios/ */
	const term = scenarios[Math.floor(N / 2)].id;
	const wantSearch = scenarios.filter((s) => haystack(s).includes(term.toLowerCase())).length;
	await page.fill('#filters input[name=q]', term);
	report(await visibleRows(page) === wantSearch && wantSearch >= 1 && (N === 1 || wantSearch < N),
		'searching "' + term + '" shows ' + wantSearch + ' row(s)', await visibleRows(page));
	const status = await page.textContent('#count');
	report(status.includes(String(wantSearch)), 'the status line counts the rows', status);
	await page.fill('#filters input[name=q]', '');
	report(await visibleRows(page) === N, 'clearing the search shows every row again');

	/* capability filter: the capability closest to half the corpus */
	const caps = {};
	for (const s of scenarios) for (const c of s.capabilities) caps[c] = (caps[c] || 0) + 1;
	const cap = Object.keys(caps).sort((a, b) => Math.abs(caps[a] - N / 2) - Math.abs(caps[b] - N / 2) || (a < b ? -1 : 1))[0];
	await page.selectOption('#filters select[name=capability]', cap);
	report(await visibleRows(page) === caps[cap], 'capability ' + cap + ' shows ' + caps[cap] + ' row(s)', await visibleRows(page));
	await shot(page, 'index-filtered-desktop');

	/* label and feature together: a behavior that has both; the pair that
	 * matches some but fewest scenarios, so the filter visibly narrows */
	let pick = null;
	for (const f of [...new Set(scenarios.flatMap((s) => s.behaviors.flatMap((b) => b.features || [])))].sort()) {
		for (const l of ['desirable', 'undesirable']) {
			const n = scenarios.filter((s) => behaviorMatch(s, l, f)).length;
			if (n && (!pick || n < pick.n)) pick = { f, l, n };
		}
	}
	if (pick) {
		await page.selectOption('#filters select[name=capability]', '');
		await page.selectOption('#filters select[name=feature]', pick.f);
		await page.selectOption('#filters select[name=label]', pick.l);
		report(await visibleRows(page) === pick.n, 'feature ' + pick.f + ' + label ' + pick.l + ' shows ' + pick.n + ' row(s)', await visibleRows(page));
		await page.click('#filters button[type=reset]');
		await page.waitForTimeout(50);
		report(await visibleRows(page) === N, 'Clear shows every row again', await visibleRows(page));
	}

	/* sorting by a column header button, by keyboard */
	await page.focus('#scenarios thead th:nth-child(3) button');
	await page.keyboard.press('Enter');
	const sorted = await page.$$eval('#scenarios tbody tr', (rows) => rows.map((r) => parseFloat(r.cells[2].getAttribute('data-v'))));
	report(sorted.every((v, i) => !i || sorted[i - 1] <= v), 'Enter on the Behaviors header sorts the rows');

	/* open a scenario: the one we searched for */
	await page.fill('#filters input[name=q]', term);
	const target = scenarios.find((s) => s.id === term);
	await Promise.all([page.waitForNavigation(), page.click('#scenarios tbody tr:not([hidden]) a')]);
	report(page.url().endsWith('/s/' + term + '.html'), 'the row link opens the scenario page', page.url());
	report((await page.textContent('h1')).trim() === target.title, 'the page shows the title');
	const nbeh = await page.$$eval('ol.behaviors > li', (l) => l.length);
	report(nbeh === target.behaviors.length, 'the page lists every behavior', nbeh);
	const order = await page.$$eval('ol.behaviors > li h3 code', (l) => l.map((c) => c.textContent));
	const consensus = target.consensus.flat();
	report(JSON.stringify(order) === JSON.stringify(consensus), 'behaviors come in consensus order', order.join(','));
	const closed = await page.$eval('details.thoughts', (d) => !d.open);
	await page.click('details.thoughts summary');
	const opened = await page.$eval('details.thoughts', (d) => d.open);
	report(closed && opened, 'thoughts are collapsed and open on click');
	report((await page.content()).includes(target.canary), 'the page carries the canary');
	await shot(page, 'scenario-desktop');

	/* the other pages, and a quest turn's navigation */
	for (const p of ['taxonomy.html', 'stats.html', 'quests.html']) {
		await page.goto(url(p));
		report((await page.$$('h1')).length === 1, p + ' loads');
	}
	const nsvg = await page.goto(url('stats.html')).then(() => page.$$eval('svg', (s) => s.length));
	report(nsvg >= 5, 'the statistics page draws its charts', nsvg);
	await shot(page, 'stats-desktop');
	const q = scenarios.filter((s) => s.quest).sort((a, b) => (a.quest < b.quest ? -1 : a.quest > b.quest) || a.turn - b.turn);
	if (q.length > 1 && q[1].quest === q[0].quest) {
		await page.goto(url('s/' + q[0].id + '.html'));
		await Promise.all([page.waitForNavigation(), page.click('.quest-nav a[rel=next]')]);
		report(page.url().endsWith('/s/' + q[1].id + '.html'), 'a quest turn links to the next turn', page.url());
		await shot(page, 'quest-turn-desktop');
	}

	/* a filter preset from a link (taxonomy -> index#capability=...) */
	await page.goto(url('index.html') + '#capability=' + encodeURIComponent(cap));
	report(await visibleRows(page) === caps[cap], 'index.html#capability=' + cap + ' presets the filter', await visibleRows(page));
	await context.close();
}

async function phone(browser) {
	const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
	await watch(context);
	const page = await context.newPage(); /* watch() hooks it */
	page.setDefaultTimeout(15000);
	await page.goto(url('index.html'));
	await noOverflow(page, 'the index at 375px');
	await shot(page, 'index-phone');
	await page.goto(url('s/' + scenarios[0].id + '.html'));
	await noOverflow(page, 'a scenario page at 375px');
	await shot(page, 'scenario-phone');
	await page.goto(url('stats.html'));
	await noOverflow(page, 'the statistics page at 375px');
	await context.close();
}

function walk(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]).sort();
}

/* Open every page, open every disclosure, hover and focus every link. */
async function every(browser) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await watch(context);
	const page = await context.newPage(); /* watch() hooks it */
	page.setDefaultTimeout(15000);
	const pages = walk(html).filter((f) => f.endsWith('.html'));
	let n = 0;
	for (const f of pages) {
		await page.goto(url(path.relative(html, f)));
		await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
		await page.$$eval('a, [tabindex]', (els) => els.forEach((e) => {
			e.focus();
			e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
		}));
		await page.waitForTimeout(20);
		n++;
		if (f.includes(path.sep + 's' + path.sep) && !shots.some((s) => s.includes('every-scenario')))
			await shot(page, 'every-scenario');
	}
	report(n === pages.length && n > 0, 'opened all ' + n + ' pages');
	await context.close();
}

async function noScript(browser) {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 768 } });
	await watch(context);
	const page = await context.newPage(); /* watch() hooks it */
	await page.goto(url('index.html'));
	const rows = await visibleRows(page);
	report(rows === N, 'without JavaScript the index shows the full table', rows);
	report(!(await page.isVisible('#filters')), 'without JavaScript the filter form stays hidden');
	await context.close();
}

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'corpusc-chromium-'));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--disable-dev-shm-usage'],
		env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
	});
	try {
		if (everyPage) {
			await every(browser);
		} else {
			await desktop(browser);
			await phone(browser);
			await noScript(browser);
		}
	} catch (e) {
		report(false, 'the browser run finished', e && e.stack ? e.stack : String(e));
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	report(problems.length === 0, 'no console messages, page errors, CSP violations or outside requests',
		JSON.stringify(problems.slice(0, 10)));
	fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify({ visited, shots, problems, failures }, null, 1));
	console.log('# ' + visited.length + ' page loads, ' + shots.length + ' screenshots, ' + problems.length + ' problems');
	process.exit(failures ? 1 : 0);
})();
