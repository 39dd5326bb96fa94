// Print what `.d.ts` files declare as JSON, read with the TypeScript compiler's own parser.
//
//   node dts-json.mjs PATH    (a package folder, read from its package.json types entry, or a file)
//
// Followed: relative `export * from '...'` re-exports. Printed: interfaces (properties with
// their JSDoc text, optionality and type), type aliases, enumerations (the literal values of a
// TypeScript `enum`, of `type X = (typeof X)[keyof typeof X]` over a const object of literals,
// or of a union of literals) and classes (their public methods' parameters and return types).
// Types are trees: {kind: "reference", name, arguments}, {kind: "literal", value}, ...; a syntax
// this script does not read is {kind: "unread", syntax, text}, so nothing is guessed.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const K = ts.SyntaxKind;
const out = { files: [], interfaces: {}, aliases: {}, enums: {}, classes: {} };
const consts = new Map(); // const objects of literals: name -> values, in declaration order
const fail = (message) => {
  process.stderr.write(`dts-json: ${message}\n`);
  process.exit(1);
};

function entry(target) {
  if (!fs.statSync(target).isDirectory()) return target;
  const manifest = JSON.parse(fs.readFileSync(path.join(target, "package.json"), "utf8"));
  const types = manifest.types ?? manifest.typings;
  if (typeof types !== "string") fail(`${target}/package.json names no types entry`);
  return path.join(target, types);
}

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
  return found ?? fail(`${from}: cannot find the declarations of '${specifier}'`);
}

function literal(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === K.MinusToken) {
    const value = literal(node.operand);
    return typeof value === "number" ? -value : undefined;
  }
  return { [K.TrueKeyword]: true, [K.FalseKeyword]: false, [K.NullKeyword]: null }[node.kind];
}

const name = (node) =>
  ts.isStringLiteral(node) || ts.isNumericLiteral(node) ? node.text : node.getText();
const types = (nodes) => (nodes ?? []).map((node) => type(node));
const optional = (node) => Boolean(node.questionToken || node.initializer);
const parameters = (node) =>
  node.parameters.map((p) => ({
    name: p.name.getText(),
    optional: optional(p),
    type: type(p.type),
  }));

function type(node) {
  if (node === undefined) return { kind: "keyword", name: "any" }; // no annotation: implicitly any
  if (node.kind >= K.FirstKeyword && node.kind <= K.LastKeyword) {
    return { kind: "keyword", name: ts.tokenToString(node.kind) };
  }
  switch (node.kind) {
    case K.ParenthesizedType:
      return type(node.type);
    case K.TypeReference:
      return {
        kind: "reference",
        name: node.typeName.getText(),
        arguments: types(node.typeArguments),
      };
    case K.ImportType:
      return {
        kind: "import",
        module: node.argument.literal.text,
        name: node.qualifier?.getText() ?? "",
        arguments: types(node.typeArguments),
      };
    case K.ArrayType:
      return { kind: "array", element: type(node.elementType) };
    case K.UnionType:
    case K.IntersectionType:
      return {
        kind: node.kind === K.UnionType ? "union" : "intersection",
        types: types(node.types),
      };
    case K.LiteralType: {
      const value = literal(node.literal);
      if (value !== undefined) return { kind: "literal", value };
      break;
    }
    case K.TypeQuery:
      return { kind: "typeof", name: node.exprName.getText() };
    case K.TypeOperator:
      return { kind: "operator", operator: ts.tokenToString(node.operator), type: type(node.type) };
    case K.IndexedAccessType:
      return { kind: "indexed", object: type(node.objectType), index: type(node.indexType) };
    case K.TypeLiteral:
      return { kind: "object", ...members(node.members) };
  }
  return { kind: "unread", syntax: K[node.kind], text: node.getText().replace(/\s+/g, " ") };
}

function doc(node) {
  const comment = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1)?.comment; // the last
  return ts.getTextOfJSDocComment(comment) ?? "";
}

function members(nodes) {
  const properties = [];
  const indexes = [];
  for (const member of nodes) {
    if (ts.isPropertySignature(member)) {
      properties.push({
        name: name(member.name),
        optional: Boolean(member.questionToken),
        type: type(member.type),
        doc: doc(member),
      });
    } else if (ts.isIndexSignatureDeclaration(member)) {
      indexes.push({ parameters: parameters(member), type: type(member.type) });
    } // method signatures are no data
  }
  return { properties, indexes };
}

function add(table, key, value, where) {
  if (Object.hasOwn(out[table], key)) fail(`${where}: ${key} is declared twice`);
  out[table][key] = value;
}

const hidden = (node) =>
  (ts.getCombinedModifierFlags(node) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !==
  0;
const heritage = (node) => (node.heritageClauses ?? []).map((clause) => clause.getText()).join(" ");

function read(file, where) {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  for (const node of source.statements) {
    const key = node.name?.text;
    if (ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier) {
      const specifier = node.moduleSpecifier.text;
      if (specifier.startsWith(".")) pending.push(resolve(file, specifier));
    } else if (ts.isInterfaceDeclaration(node)) {
      const generics = node.typeParameters
        ? `<${node.typeParameters.map((p) => p.getText()).join(", ")}>`
        : "";
      add(
        "interfaces",
        key,
        { heritage: `${generics} ${heritage(node)}`.trim(), ...members(node.members) },
        where,
      );
    } else if (ts.isTypeAliasDeclaration(node)) {
      add("aliases", key, type(node.type), where);
    } else if (ts.isEnumDeclaration(node)) {
      const values = node.members.map((m) => (m.initializer ? literal(m.initializer) : undefined));
      if (values.includes(undefined))
        fail(`${where}: enum ${key}: a member without a literal value`);
      add("enums", key, values, where);
    } else if (ts.isClassDeclaration(node) && key !== undefined) {
      const methods = node.members
        .filter((m) => ts.isMethodDeclaration(m) && !hidden(m))
        .map((m) => ({ name: name(m.name), parameters: parameters(m), returns: type(m.type) }));
      add("classes", key, { heritage: heritage(node), methods }, where);
    } else if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        const object = declaration.type;
        if (!object || !ts.isTypeLiteralNode(object)) continue;
        const values = object.members.map((m) =>
          ts.isPropertySignature(m) && m.type && ts.isLiteralTypeNode(m.type)
            ? literal(m.type.literal)
            : undefined,
        );
        if (values.length && !values.includes(undefined))
          consts.set(declaration.name.getText(), values);
      }
    }
  }
}

// The values of an enumeration-like type, or undefined.
function values(tree, seen = new Set()) {
  if (tree.kind === "literal") return [tree.value];
  if (tree.kind === "union") {
    const parts = tree.types.map((t) => values(t, seen));
    return parts.includes(undefined) ? undefined : parts.flat();
  }
  if (tree.kind === "reference" && !tree.arguments.length && !seen.has(tree.name)) {
    if (Object.hasOwn(out.enums, tree.name)) return out.enums[tree.name];
    if (Object.hasOwn(out.aliases, tree.name))
      return values(out.aliases[tree.name], new Set([...seen, tree.name]));
  }
  // (typeof X)[keyof typeof X]: the values of the const object X.
  const { object, index } = tree;
  const keyof =
    index?.operator === "keyof" && index.type.kind === "typeof" ? index.type.name : null;
  if (tree.kind === "indexed" && object.kind === "typeof" && keyof === object.name) {
    return consts.get(object.name);
  }
  return undefined;
}

const root = path.resolve(process.argv[2] ?? fail("usage: node dts-json.mjs PATH"));
const pending = [path.resolve(entry(root))];
while (pending.length) {
  const file = pending.shift();
  const where = path.relative(fs.statSync(root).isDirectory() ? root : path.dirname(root), file);
  if (out.files.includes(where)) continue;
  out.files.push(where);
  read(file, where);
}
for (const [key, tree] of Object.entries(out.aliases)) {
  const found = values(tree, new Set([key]));
  if (found !== undefined) add("enums", key, found, key);
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
