// Development only: writes the parity fixture of mobilization/footprint with the official publicodes engine.
//
//   cd tools/footprint-oracle && npm ci && node oracle.mjs
//
// The situations are the model's personas and RANDOM_SETS answer sets drawn with a fixed seed from each
// question's own choices (une possibilité), booleans (oui/non) and numeric ranges (plancher/plafond, or
// around the default). They are stored in the fixture with the value of every rule the engine gives, so
// that the Python evaluator is compared with the official one without Node.
import fs from 'node:fs'
import zlib from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Engine from 'publicodes'

const here = path.dirname(fileURLToPath(import.meta.url))
const app = path.resolve(here, '../../mobilization/footprint')
const dataDir = path.join(app, 'data/nosgestesclimat')
const out = path.join(app, 'tests/fixtures/parity.json.gz')
const SEED = 2026
const RANDOM_SETS = Number(process.env.RANDOM_SETS ?? 50)

const rules = JSON.parse(fs.readFileSync(path.join(dataDir, 'co2-model.FR-lang.fr.json')))
const personas = JSON.parse(fs.readFileSync(path.join(dataDir, 'personas-fr.json')))
const version = JSON.parse(fs.readFileSync(path.join(dataDir, 'package.json'))).version
const silent = { log() {}, warn() {}, error() {} }
const engine = new Engine(rules, { logger: silent })
const ruleNames = Object.keys(engine.getParsedRules()).filter((name) => !name.includes('$'))

// mulberry32: a small deterministic generator, so that the same seed gives the same answer sets.
function generator(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function numberOrNull(node) {
  const value = engine.evaluate(node).nodeValue
  return typeof value === 'number' ? value : null
}

// What each question accepts, read from the model and from the engine's value of the empty situation.
engine.setSituation({})
const questions = []
for (const [name, rule] of Object.entries(rules)) {
  if (!rule || typeof rule !== 'object' || !('question' in rule) || rule.inactif === 'oui') continue
  const parsed = engine.getRule(name)
  if (parsed.possibilities) {
    questions.push({ name, kind: 'choice', choices: parsed.possibilities.explanation.map((p) => p.publicodesValue) })
    continue
  }
  const value = engine.evaluate(name).nodeValue
  if (typeof value === 'number' || rule.unité || 'plancher' in rule || 'plafond' in rule) {
    const low = 'plancher' in rule ? numberOrNull(rule.plancher) ?? 0 : 0
    const def = typeof value === 'number' ? value : 1
    const high = 'plafond' in rule ? numberOrNull(rule.plafond) ?? Math.max(def * 3, 10) : Math.max(def * 3, 10)
    questions.push({ name, kind: 'number', low, high })
  } else {
    questions.push({ name, kind: 'boolean' })
  }
}

const random = generator(SEED)
function draw(question) {
  if (question.kind === 'choice') return question.choices[Math.floor(random() * question.choices.length)]
  if (question.kind === 'boolean') return random() < 0.5 ? 'oui' : 'non'
  const value = question.low + random() * (question.high - question.low)
  return Math.round(value * 10) / 10
}

const situations = Object.entries(personas).map(([name, persona]) => ({ name, situation: persona.situation }))
for (let i = 0; i < RANDOM_SETS; i++) {
  const share = 0.2 + 0.7 * random()
  const situation = {}
  for (const question of questions) {
    if (random() < share) situation[question.name] = draw(question)
  }
  situations.push({ name: `random ${i + 1}`, situation })
}

const rows = []
for (const { name, situation } of situations) {
  const started = Date.now()
  engine.setSituation(situation)
  const values = ruleNames.map((rule) => {
    const value = engine.evaluate(rule).nodeValue
    if (value === undefined) return { u: 1 }
    if (typeof value === 'number' && !Number.isFinite(value)) return { nan: String(value) }
    return value
  })
  rows.push({ name, situation, values })
  console.error(`${name}: bilan ${engine.evaluate('bilan').nodeValue} (${Date.now() - started} ms)`)
}

const fixture = { model_version: version, publicodes: JSON.parse(fs.readFileSync(path.join(here, 'node_modules/publicodes/package.json'))).version, seed: SEED, rules: ruleNames, situations: rows }
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, zlib.gzipSync(JSON.stringify(fixture), { level: 9 }))
console.error(`${out}: ${rows.length} situations × ${ruleNames.length} rules`)
