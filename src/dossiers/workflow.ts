import { registerEnumType } from "type-graphql";
import { Role } from "../auth/user.entity";
import { rowsFor, type TransitionRow } from "../core/state-machine";

export enum DossierStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  AWAITING_SUPPLEMENT = "AWAITING_SUPPLEMENT",
  RETURNED = "RETURNED",
  COMMUNE_REVIEWED = "COMMUNE_REVIEWED",
  FORWARDED = "FORWARDED",
  UNDER_REVIEW = "UNDER_REVIEW",
  SCORED = "SCORED",
  PROPOSED_TO_CENTRAL = "PROPOSED_TO_CENTRAL",
  RECOGNIZED = "RECOGNIZED",
  NOT_ACHIEVED = "NOT_ACHIEVED",
  NOT_RECOGNIZED = "NOT_RECOGNIZED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(DossierStatus, {
  name: "DossierStatus",
  description:
    "AWAITING_SUPPLEMENT: the commune asked the producer for missing or invalid documents (supplementRequest). NOT_ACHIEVED: the council's result is below 3 stars (or no upgrade); NOT_RECOGNIZED: scored, but closed without a certificate (closeDossierWithoutCertificate).",
});

export enum DossierAction {
  ATTACH_DOCUMENT = "ATTACH_DOCUMENT",
  REMOVE_DOCUMENT = "REMOVE_DOCUMENT",
  SUBMIT = "SUBMIT",
  RETURN = "RETURN",
  RECORD_COMMUNE_REPORT = "RECORD_COMMUNE_REPORT",
  FORWARD = "FORWARD",
  ACCEPT = "ACCEPT",
  SUBMIT_SCORE_SHEET = "SUBMIT_SCORE_SHEET",
  CONCLUDE_EVALUATION = "CONCLUDE_EVALUATION",
  RECORD_RECOGNITION = "RECORD_RECOGNITION",
  PROPOSE_TO_CENTRAL = "PROPOSE_TO_CENTRAL",
  RECORD_CENTRAL_RESULT = "RECORD_CENTRAL_RESULT",
  WITHDRAW = "WITHDRAW",
  RECORD_SAMPLES = "RECORD_SAMPLES",
  RECORD_MANDATORY_FINDING = "RECORD_MANDATORY_FINDING",
  CLOSE_WITHOUT_CERTIFICATE = "CLOSE_WITHOUT_CERTIFICATE",
  RECORD_RECEIPT = "RECORD_RECEIPT",
  CONFIRM_DOCUMENT = "CONFIRM_DOCUMENT",
  REQUEST_SUPPLEMENT = "REQUEST_SUPPLEMENT",
  RECORD_SELF_ASSESSMENT = "RECORD_SELF_ASSESSMENT",
}
registerEnumType(DossierAction, {
  name: "DossierAction",
  description: "What can be done to a dossier; see allowedActions.",
});

/** A row of the dossier's table (core/state-machine.ts): who may act is a staff role. */
export type Transition = TransitionRow<DossierAction, DossierStatus, Role> & {
  /** A council member's own judgement: an administrator cannot give it for them. */
  notAdmin?: true;
};

const {
  DRAFT,
  SUBMITTED,
  AWAITING_SUPPLEMENT,
  RETURNED,
  COMMUNE_REVIEWED,
  FORWARDED,
  UNDER_REVIEW,
  SCORED,
  PROPOSED_TO_CENTRAL,
  RECOGNIZED,
  NOT_ACHIEVED,
  NOT_RECOGNIZED,
  WITHDRAWN,
} = DossierStatus;
const { COMMUNE_OFFICER, PROVINCE_OFFICER, COUNCIL_MEMBER } = Role;

/** Where the commune works on the dossier: before it is forwarded, or when it came back. */
export const AT_COMMUNE = [DRAFT, SUBMITTED, AWAITING_SUPPLEMENT, RETURNED, COMMUNE_REVIEWED];
/** Where the province attaches its own documents (the council's minutes, the decision, the certificate scan). */
const AT_PROVINCE = [UNDER_REVIEW, SCORED, PROPOSED_TO_CENTRAL, RECOGNIZED, NOT_ACHIEVED];

/**
 * The workflow of Decisions 148/1489 (see shared/workflow.md): state × action → next state, and who may
 * act. The service, `allowedActions` and the tests all read this table.
 */
export const TRANSITIONS: Transition[] = [
  {
    action: DossierAction.RECORD_RECEIPT,
    from: AT_COMMUNE,
    to: "unchanged",
    roles: [COMMUNE_OFFICER],
  },
  // The commune attaches the producer's documents and its own; the province its own after the council.
  { action: DossierAction.ATTACH_DOCUMENT, from: AT_COMMUNE, to: "unchanged", roles: [COMMUNE_OFFICER] },
  {
    action: DossierAction.ATTACH_DOCUMENT,
    from: AT_PROVINCE,
    to: "unchanged",
    roles: [PROVINCE_OFFICER],
  },
  { action: DossierAction.REMOVE_DOCUMENT, from: AT_COMMUNE, to: "unchanged", roles: [COMMUNE_OFFICER] },
  {
    action: DossierAction.REMOVE_DOCUMENT,
    from: AT_PROVINCE,
    to: "unchanged",
    roles: [PROVINCE_OFFICER],
  },
  { action: DossierAction.CONFIRM_DOCUMENT, from: AT_COMMUNE, to: "unchanged", roles: [COMMUNE_OFFICER] },
  {
    action: DossierAction.REQUEST_SUPPLEMENT,
    from: [SUBMITTED, COMMUNE_REVIEWED],
    to: AWAITING_SUPPLEMENT,
    roles: [COMMUNE_OFFICER],
  },
  {
    action: DossierAction.RECORD_SELF_ASSESSMENT,
    from: AT_COMMUNE,
    to: "unchanged",
    roles: [COMMUNE_OFFICER],
  },
  {
    action: DossierAction.SUBMIT,
    from: [DRAFT, RETURNED, AWAITING_SUPPLEMENT],
    to: SUBMITTED,
    roles: [COMMUNE_OFFICER],
  },
  {
    action: DossierAction.RECORD_SAMPLES,
    from: AT_COMMUNE,
    to: "unchanged",
    roles: [COMMUNE_OFFICER],
  },
  {
    action: DossierAction.RETURN,
    from: [SUBMITTED, COMMUNE_REVIEWED],
    to: RETURNED,
    roles: [COMMUNE_OFFICER],
  },
  { action: DossierAction.RETURN, from: [FORWARDED], to: RETURNED, roles: [PROVINCE_OFFICER] },
  {
    action: DossierAction.RECORD_COMMUNE_REPORT,
    from: [SUBMITTED],
    to: COMMUNE_REVIEWED,
    roles: [COMMUNE_OFFICER],
  },
  { action: DossierAction.FORWARD, from: [COMMUNE_REVIEWED], to: FORWARDED, roles: [COMMUNE_OFFICER] },
  { action: DossierAction.ACCEPT, from: [FORWARDED], to: UNDER_REVIEW, roles: [PROVINCE_OFFICER] },
  {
    action: DossierAction.SUBMIT_SCORE_SHEET,
    from: [UNDER_REVIEW],
    to: "unchanged",
    roles: [COUNCIL_MEMBER],
    notAdmin: true,
  },
  {
    action: DossierAction.RECORD_MANDATORY_FINDING,
    from: [UNDER_REVIEW],
    to: "unchanged",
    roles: [PROVINCE_OFFICER],
  },
  {
    action: DossierAction.CONCLUDE_EVALUATION,
    from: [UNDER_REVIEW],
    to: "by-result",
    roles: [PROVINCE_OFFICER],
  },
  { action: DossierAction.RECORD_RECOGNITION, from: [SCORED], to: RECOGNIZED, roles: [PROVINCE_OFFICER] },
  {
    action: DossierAction.CLOSE_WITHOUT_CERTIFICATE,
    from: [SCORED],
    to: NOT_RECOGNIZED,
    roles: [PROVINCE_OFFICER],
  },
  {
    action: DossierAction.PROPOSE_TO_CENTRAL,
    from: [SCORED],
    to: PROPOSED_TO_CENTRAL,
    roles: [PROVINCE_OFFICER],
  },
  {
    action: DossierAction.RECORD_CENTRAL_RESULT,
    from: [PROPOSED_TO_CENTRAL],
    to: RECOGNIZED,
    roles: [PROVINCE_OFFICER],
  },
  {
    action: DossierAction.WITHDRAW,
    from: [...AT_COMMUNE, FORWARDED],
    to: WITHDRAWN,
    roles: [COMMUNE_OFFICER],
  },
];

export const mayAct = (t: Transition, role: Role) =>
  (role === Role.ADMIN && !t.notAdmin) || t.roles.includes(role);

/** The transition an action takes from a state, or undefined when the state does not allow it. */
export function transitionFor(
  action: DossierAction,
  from: DossierStatus,
  role: Role,
): Transition | undefined {
  const candidates = rowsFor(TRANSITIONS, action, from);
  return candidates.find((t) => mayAct(t, role)) ?? candidates[0];
}

/** The actions a role may take from a state. */
export function actionsFrom(status: DossierStatus, role: Role): DossierAction[] {
  return [
    ...new Set(TRANSITIONS.filter((t) => t.from.includes(status) && mayAct(t, role)).map((t) => t.action)),
  ];
}

/** Every role that may take an action in some state (for `@Authorized`; the state decides the rest). */
export const rolesFor = (action: DossierAction): Role[] => [
  ...new Set(TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.roles)),
];
