import {
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
} from "graphql";

/** How long and by whom an answer may be cached (Apollo's CacheHint). */
export type CacheHint = { maxAge?: number; scope?: "PUBLIC" | "PRIVATE" };
type Annotation = CacheHint & { inheritMaxAge?: boolean };

/** The @cacheControl directive of a type or field, as Apollo reads it. */
function annotationOf(node: {
  astNode?: ASTNode | null;
  extensionASTNodes?: readonly ASTNode[];
}): Annotation {
  const nodes = [node.astNode, ...(node.extensionASTNodes ?? [])];
  for (const n of nodes) {
    const directives = n && "directives" in n ? n.directives : undefined;
    const directive = directives?.find((d) => d.name.value === "cacheControl");
    if (!directive) continue;
    const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
    const maxAge = argument("maxAge");
    const scope = argument("scope");
    const inherit = argument("inheritMaxAge");
    const hint: Annotation = {};
    if (scope?.kind === Kind.ENUM) hint.scope = scope.value as CacheHint["scope"];
    if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { ...hint, inheritMaxAge: true };
    if (maxAge?.kind === Kind.INT) hint.maxAge = Number(maxAge.value);
    return hint;
  }
  return {};
}

/** Apollo's CachePolicy arithmetic: `replace` takes what the hint sets, `restrict` keeps the stricter. */
const replace = (policy: CacheHint, hint: CacheHint) => {
  if (hint.maxAge !== undefined) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined) policy.scope = hint.scope;
};
const restrict = (policy: CacheHint, hint: CacheHint) => {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge))
    policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined && policy.scope !== "PRIVATE") policy.scope = hint.scope;
};

/**
 * The cache policy of an operation, from the @cacheControl hints on the schema's types and fields, computed
 * once from the operation's text rather than field by field as each resolves (Apollo's plugin hooks every
 * field of every answer, a measurable share of a page's CPU). The same rules as Apollo's: a field returning
 * an object takes its type's hint, else its own; an object field or a root field without a hint is not
 * cacheable; a leaf field without one does not restrict; inheritMaxAge takes the parent's. Every field of
 * the operation counts, also one that resolves to null: never more permissive than Apollo's.
 */
export function operationCachePolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): CacheHint {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const overall: CacheHint = {};
  const visit = (
    selections: SelectionSetNode,
    parent: GraphQLCompositeType,
    root: boolean,
    seen: Set<string>,
  ) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (on && isCompositeType(on)) visit(selection.selectionSet, on, root, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = typeFromAST(schema, fragment.typeCondition);
        if (on && isCompositeType(on))
          visit(fragment.selectionSet, on, root, new Set([...seen, fragment.name.value]));
        continue;
      }
      if (selection.name.value.startsWith("__")) continue; // __typename, introspection: Apollo hints nothing
      const fields: GraphQLField<unknown, unknown>[] = isObjectType(parent)
        ? [parent.getFields()[selection.name.value]]
        : schema.getPossibleTypes(parent).map((t) => t.getFields()[selection.name.value]);
      for (const field of fields.filter(Boolean)) {
        const target: GraphQLNamedType = getNamedType(field.type);
        const policy: CacheHint = {};
        let inherit = false;
        if (isCompositeType(target)) {
          const typeHint = annotationOf(target);
          replace(policy, typeHint);
          inherit = !!typeHint.inheritMaxAge;
        }
        const fieldHint = annotationOf(field);
        if (fieldHint.inheritMaxAge && policy.maxAge === undefined) {
          inherit = true;
          if (fieldHint.scope) policy.scope = fieldHint.scope;
        } else replace(policy, fieldHint);
        if (policy.maxAge === undefined && ((isCompositeType(target) && !inherit) || root)) policy.maxAge = 0;
        restrict(overall, policy);
        if (selection.selectionSet && isCompositeType(target))
          visit(selection.selectionSet, target, false, seen);
      }
    }
  };
  const rootType = schema.getRootType(operation.operation);
  if (rootType) visit(operation.selectionSet, rootType, true, new Set());
  return overall;
}
