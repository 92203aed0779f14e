/** The English catalogue: every message a client can be shown (its keys are the catalogue's keys). */
export const EN = {
  // One message per error code, for errors that say no more.
  "code.UNAUTHENTICATED": "Sign in first: send Authorization: Bearer <token> from login.",
  "code.FORBIDDEN": "You may not do this.",
  "code.BAD_USER_INPUT": "The input is not valid.",
  "code.NOT_FOUND": "Not found.",
  "code.INVALID_TRANSITION": "This cannot be done in the current state.",
  "code.DEADLINE_PASSED": "The deadline has passed.",
  "code.CONFLICT": "Someone else changed this meanwhile: reload it and try again.",
  "code.QUERY_TOO_COMPLEX": "The query is too large or too complex.",
  "code.RATE_LIMITED": "Too many attempts: wait and try again.",
  "code.INTERNAL_SERVER_ERROR":
    "Internal server error. The request id in the X-Request-Id header identifies it in the logs.",
  "code.GRAPHQL_PARSE_FAILED": "The query is not valid GraphQL: {detail}",
  "code.GRAPHQL_VALIDATION_FAILED": "The query does not fit the schema: {detail}",
  "code.BAD_REQUEST": "The request is not a GraphQL request this server accepts: {detail}",
  "code.PERSISTED_QUERY_NOT_FOUND": "PersistedQueryNotFound",
  "code.PERSISTED_QUERY_NOT_SUPPORTED": "PersistedQueryNotSupported",
  "code.OPERATION_RESOLUTION_FAILURE": "The operation to run is not clear: {detail}",
  "graphql.variables": "{detail}",

  // Fields (class-validator constraints and the like).
  "field.text": "{field} must be text.",
  "field.required": "{field} is required.",
  "field.control": "{field} contains control characters.",
  "field.deceptive":
    "{field} contains characters that change the reading direction, or broken characters: remove them.",
  "field.singleLine": "{field} must be on one line.",
  "field.maxLength": "{field} may be at most {max} characters.",
  "field.email": "{field} is not an e-mail address.",
  "field.url": "{field} must be an http(s) address.",
  "field.format": "{field} is not in the expected form: {detail}",
  "field.range": "{field} is out of range: {detail}",
  "field.listCap": "{field} may list at most {max} values.",
  "field.invalid": "{field} is not valid: {detail}",
  "field.id": "{field} is not a valid id.",
  "field.pageSize": "{field} must be between 1 and {max}.",
  "field.cursor": "{field} is not a cursor from this list: start again without it.",
  "field.notFuture": "{field} may not be in the future.",
  "field.year": "{field} is not a plausible year.",
  "field.list": "{field}: {values} — not {what}.",
  "field.problems": "{detail}",

  "auth.wrongLogin": "Wrong email or password.",
  "auth.badToken": "The token is malformed, expired or no longer valid: log in again.",
  "auth.locked": "Too many failed logins: try again in {minutes} minutes.",
  "auth.otherCommune": "You work for another commune.",
  "auth.passwordLength": "{field} must be {min} to {max} characters long.",
  "auth.demoPassword": "{field} is the published demo password.",
  "auth.weakPassword": "{field} is too easy to guess: use a longer phrase of unrelated words.",
  "auth.wrongOldPassword": "The current password is not right.",
  "auth.communeRequired": "A commune officer needs a commune.",
  "auth.communeRefused": "Only a commune officer has a commune.",
  "auth.emailTaken": "A user with this email exists.",
  "auth.selfDeactivation": "You cannot deactivate your own account.",
  "auth.accountChanged": "The account was changed meanwhile: try again.",
  "auth.noUser": "No user has this id.",
  "auth.badEmail":
    "{field} is not an e-mail address this system accepts: letters without marks, digits and . _ + - before the @, and a domain.",

  "geo.unknownCommune": "{code} is not a known commune.",
  "catalog.relevanceAscending": "Relevance is always best first: leave out the direction (or give DESC).",
  "catalog.notProductSet": "{code} is not a product set (like I.2.b).",
  "catalog.producerExists": "The commune already has this producer: {name} (id {id}).",
  "catalog.productExists": "The producer already has this product: {name} (id {id}).",
  "catalog.noProducer": "No producer has this id.",
  "catalog.noProduct": "No product has this id.",

  "round.exists": "A round named “{name}” exists for {year}.",
  "round.notFound": "No evaluation round has this id.",
  "round.deadlineEarlier": "The new deadline must be later than the current one.",
  "round.deadlineChanged": "The deadline was changed meanwhile: reload the round.",

  "dossier.notFound": "No dossier has this id.",
  "dossier.notPossible": "“{action}” is not possible on a dossier that is “{status}”.",
  "dossier.notYourRole": "A {role} may not “{action}” on a dossier that is “{status}”.",
  "dossier.alreadyCertified":
    "The product already has a certificate: open a re-evaluation or upgrade dossier.",
  "dossier.needsCertificate":
    "A “{kind}” dossier needs a product with a certificate: open a first-evaluation dossier.",
  "dossier.openInRound": "The product already has dossier {code} in this round.",
  "dossier.missingDocuments": "Missing mandatory documents: {documents}.",
  "notice.noEmail": "{producer} has no e-mail address: record a letter or a call instead.",
  "papers.needs": "This document needs: {fields}.",
  "papers.noCommune": "No commune you may see has this code.",
  "papers.noDecision": "No recognition decision you may see has this number.",
  "papers.notConcluded": "The council's evaluation of this dossier is not concluded yet.",
  "papers.notForDossier": "This document is not one of a dossier's papers.",
  "papers.noCertificate": "This dossier has no certificate yet.",
  "dossier.unconfirmedDocuments": "No document confirmed by the commune for: {documents}.",
  "dossier.notProducerDocument":
    "The producer does not bring these; they are the commune's or the province's own: {documents}.",
  "dossier.repeatedSupplementItem": "Each document kind is listed once.",
  "dossier.noSupplementItems": "List at least one document the producer must bring.",
  "dossier.dueInPast": "The due date may not be before today.",
  "dossier.receivedBeforeRound": "The file cannot have been received before the round was opened ({opened}).",
  "dossier.notValidReason": "Say why the document is not valid.",
  "dossier.documentLapsed": "“{title}” was valid until {validUntil}: it cannot be confirmed.",
  "dossier.provinceKind": "“{kind}” is attached by the province once the dossier is accepted.",
  "dossier.communeKind": "“{kind}” is attached by the commune while the dossier is at the commune.",
  "dossier.documentCited": "A council finding rests on this document: it cannot be removed.",
  "programme.notCertified": "“{name}” holds no active certificate: propose it as a new product instead.",
  "programme.notMoreStars": "An upgrade must aim above the certificate's {stars} stars.",
  "selfAssessment.oneSubject": "Give either potentialProductId or dossierId, not both.",
  "selfAssessment.closedEntry": "No self-assessment on an entry that is “{status}”.",
  "scoring.gradeBelowMet":
    "{criterion}: option {optionCode} is below the 3-star mark of {criterionCode}, so the criterion cannot be “met”.",
  "dossier.deadlinePassed": "The round's deadline ({deadline}, 23:59:59 Vietnam time) has passed.",
  "dossier.councilIncomplete": "The round needs {needed} score sheets to conclude; the dossier has {given}.",
  "dossier.provinceStars": "The province recognises 3 and 4 stars; a 5-star result goes to the Ministry.",
  "dossier.fiveStarsOnly": "Only a dossier concluded at 5 stars goes to the Ministry.",
  "dossier.belowCentralThreshold":
    "Only a dossier averaging at least {minPoints} points goes to the Ministry; this one averages {average}.",
  "dossier.noSamples": "The rules ask no product samples of this product set.",
  "programme.year": "year must be a year from 2018 to 2100.",
  "programme.notFound": "There is no such potential product in your scope.",
  "programme.producerElsewhere": "This producer is not of the potential product's commune.",
  "programme.alreadyRegistered": "“{name}” is already in the commune's register (“{status}”).",
  "programme.notPossible":
    "A potential product that is “{from}” cannot become “{to}”; it can become: {allowed}.",
  "programme.dropReason": "Say why the potential product is dropped (reason).",
  "programme.notReady":
    "A dossier is opened for a selected product or one in preparation; this one is “{status}”.",
  "programme.producerNeeded":
    "The potential product has no producer yet: give one (producer: name and kind).",
  "scoring.sheetUnusable":
    "The criteria sheet of this product set has defects ({defects}): nobody can be scored on it until the province's corrections (corrections.csv) fix them.",
  "scoring.badChoices":
    "The choices do not match the criteria sheet. Criteria not chosen: {missing}. Not criteria of the sheet: {unknown}. Chosen twice: {duplicate}. Options of another criterion: {badOptions}.",
  "scoring.noCriteriaSheet":
    "{version} has no criteria sheet for this product set: it cannot be scored until the rule set gives one.",
  "scoring.badCases":
    "Choose one case in every case group of the sheet. Case groups without one: {missing}. Not a case of the sheet (or chosen twice): {unknown}.",
  "scoring.badMissingPoints":
    "Credit each incomplete group of the sheet once, within its bounds and with a note ({groups}). Groups without a credit: {missing}. Credits out of bounds, without a note, twice or not for an incomplete group: {bad}.",
  "scoring.notDisputed":
    "{mark} is not a mark the members' sheets dispute; the disputed marks are: {disputed}.",
  "scoring.findingDocument": "The finding must rest on one of this dossier's documents (documentId).",
  "scoring.findingsMissing":
    "The members' sheets disagree on these mandatory marks: {marks}. Record the council's finding on each (recordMandatoryFinding) before concluding.",
  "scoring.partTotalSheets":
    "Some score sheets were given by part totals, which no longer decide a result: every member must submit the sheet per criterion (submitCriteriaScoreSheet).",
  "scoring.noLocalGrade": "The local criterion {criterion} needs optionCode, an option of {criterionCode}.",
  "scoring.badLocalGrade": "{optionCode} is not an option of {criterionCode}.",
  "code.SCORE_SPREAD": "The members' totals are too far apart.",
  "scoring.spread":
    "The members' totals ({totals}) differ by {spread} points, more than the {maxSpread} the rules allow: review the sheets before concluding.",
  "dossier.graceDaysProvince": "Only the province grants days of grace, when it returns a forwarded dossier.",
  "dossier.noFile": "No file has this id.",
  "dossier.noDocument": "No document has this id.",
  "dossier.noDocumentsGiven": "Name at least one document.",
  "dossier.notEarlierDocuments": "These are not documents of this product's earlier dossiers.",
  "dossier.lapsedDocuments": "These documents have lapsed: {documents}.",

  "certificate.notFound": "No certificate has this number.",
  "certificate.noNoticeDue": "The certificate is “{status}”: no notice is due.",
  "certificate.noticeRecorded":
    "A notice from the {authority} sent on {sentOn} is already recorded for this certificate.",
  "certificate.onlyActive": "The certificate is “{status}”: only an active or expired one can be revoked.",
  "certificate.unknownGrounds": "{codes} are not revocation grounds of {version}; the grounds are: {known}.",
  "certificate.ministryRevokes":
    "A certificate issued by the Ministry is revoked by the Ministry: record the province's proposal first (proposeRevocationToMinistry), then the Ministry's decision, or say that the Ministry revoked it on its own initiative (onMinistryInitiative).",
  "certificate.groundsRequired": "Name at least one revocation ground of {version}: {known}.",
  "certificate.noPendingProposal": "No revocation proposal to the Ministry is pending for this certificate.",
  "certificate.refusalBeforeProposal":
    "The Ministry's letter cannot be dated before the proposal of {letterDate}.",
  "certificate.provinceRevokes": "This certificate is revoked by the province, not proposed to the Ministry.",
  "certificate.proposedAlready":
    "The revocation of this certificate was already proposed to the Ministry ({letterNumber} of {letterDate}).",
  "certificate.notThisProduct": "These violations were not recorded for this product.",
  "certificate.recommendationWaiting":
    "A recommendation for this certificate is already waiting for the province.",
  "certificate.already": "The certificate is already “{status}”.",
  "certificate.revokedMeanwhile": "The certificate was revoked meanwhile.",
  "certificate.certifiedMeanwhile": "The product was certified meanwhile: reload the dossier.",
  "recommendation.notFound": "No recommendation has this id.",
  "recommendation.already": "The recommendation is already “{status}”.",
  "recommendation.decidedMeanwhile": "The recommendation was decided meanwhile.",

  "limits.cost": "Query cost {cost} is over the limit of {max}: ask for fewer fields or a smaller first.",
  "http.bodyTooLarge": "The request body is over the limit of {limit}.",
  "http.badJson": "The request body is not valid JSON.",
  "http.badRequest": "The request's address or headers are malformed (for example a broken %-encoding).",
  "http.noRoute": "There is nothing at this address: the API answers at /graphql.",

  "file.multipart": "Send multipart/form-data with the file in field `file`.",
  "file.malformed": "The multipart body is malformed.",
  "file.cutShort": "The upload was cut short.",
  "file.missing": "No file in field `file`.",
  "file.tooLarge": "The file is over the limit of {megabytes} MB.",
  "file.type": "Only PDF, JPEG and PNG files are accepted (checked by content).",
  "file.quota": "Your uploads today have reached the daily limit of {megabytes} MB: try again tomorrow.",

  "catalog.productInUse": "“{name}” has certificates or dossiers and cannot be deleted: archive it instead.",
  "catalog.productUnderEvaluation": "“{name}” has a dossier under evaluation and cannot be archived.",
  "catalog.productArchived": "“{name}” is archived: restore it before opening a dossier.",
  "recognition.numberRequired":
    "Give the certificate number printed on the recognition decision: the system does not make one up.",
  "certificate.numberTaken": "Certificate number {number} is already taken.",
  "import.noFile": "No spreadsheet you uploaded has this id.",
  "import.notImportFile":
    "This file was not uploaded for import: upload the spreadsheet with purpose=import.",
  "import.unreadable": "The file cannot be read as an Excel workbook (.xlsx) or a CSV file.",
  "import.encoding": "The CSV file is not UTF-8 or UTF-16 text: in Excel, save it as “CSV UTF-8”.",
  "import.empty": "The file has no header row.",
  "import.noRows": "The file has no data rows.",
  "import.tooManyRows": "The file has more than {max} rows: split it into smaller files.",
  "import.tooLarge":
    "The workbook is larger inside than a spreadsheet of {max} rows can be (its parts inflate too far, or it has too many cells): save its first sheet as a new workbook or as CSV.",
  "import.missingColumn": "The required column “{column}” is missing.",
  "import.duplicateColumn": "The column “{column}” appears twice.",
  "import.required": "“{column}” is required.",
  "import.tooLong": "“{column}” is longer than {max} characters.",
  "import.badText": "“{column}” contains characters that are not allowed.",
  "import.badStars": "“{value}” is not a star rating: write 3, 4 or 5.",
  "import.badKind":
    "“{value}” is not a kind of producer: write Hợp tác xã, Doanh nghiệp, Hộ kinh doanh or Tổ hợp tác.",
  "import.badLevel": "“{value}” is not an issuing level: write UBND tỉnh, UBND huyện or Bộ.",
  "import.badDate": "“{value}” is not a date: write dd/mm/yyyy.",
  "import.futureDate": "The date {value} is in the future.",
  "import.expiryBeforeDecision": "The expiry date {value} is before the decision date.",
  "import.badEmail": "“{value}” is not an email address.",
  "import.badPhone": "“{value}” is not a phone number: 6 to 30 digits, spaces or + ( ) . -",
  "import.unknownCommune": "No commune is called “{value}”, now or before the 2025 merger.",
  "import.ambiguousCommune": "“{value}” may be {candidates}: write the commune's code or its current name.",
  "import.unknownProductSet": "“{value}” is not a product set: write its code (like I.2.b) or its name.",
  "import.ambiguousProductSet": "“{value}” may be {candidates}: write the product set's code.",
  "import.otherCommune": "This row is for {commune}: you may import rows of your own commune only.",
  "import.certificateOfOtherProduct": "Certificate {number} belongs to another product, “{product}”.",
  "import.expiryDiffers":
    "The expiry date {given} differs from {expected} (the decision date plus {months} months): the given date is kept.",
  "import.conflictingValue":
    "“{column}” is “{value}” here but “{kept}” on line {line} for the same {what}: line {line}'s value is kept.",
  "import.revokedKept": "Certificate {number} was revoked on {revokedOn}: the import does not change it.",
  "import.applyNotYours":
    "Only the province records certificates: a commune officer may run a dry run of its own commune's rows to prepare the file.",
  "import.levelStars": "{level} does not recognise {stars}★ ({source}).",
  "import.levelEnded": "{level} recognised no OCOP products on {date} ({source}).",
  "import.levelInferred": "No issuing level: read as {level} ({why}).",
  "import.afterGoLive":
    "The decision of {value} is on or after {goLive}, when the province began recording recognitions in this system: record it through the workflow.",
  "import.relistRevoked":
    "The product's latest certificate, {number}, was revoked on {revokedOn}: an import does not list it again (a new evaluation does).",
  "import.workflowCertificate":
    "Certificate {number} was issued through this system's workflow: an import does not change or replace it.",
  "import.formerUnit":
    "“{value}” was, before the 1 July 2025 merger, a unit now inside {commune}: read so for the decision of {date}.",
  "import.communeNeedsDate":
    "“{value}” is today's {current} and was a unit now inside {former}: give a valid decision date to decide.",
  "import.exampleRow": "This is the template's example row: delete it before importing.",
  "file.purposeNotYours": "Your role cannot use a file uploaded for {purpose}.",
  "file.notEvidence": "This file was uploaded for an import: a dossier takes PDF, JPEG or PNG evidence only.",
  "file.importType":
    "Only Excel workbooks (.xlsx) and CSV files are accepted for an import (checked by content).",
  "file.purpose": "The form field `purpose` must be evidence, import or image.",
  "file.imageType": "Only JPEG, PNG and WebP photos are accepted (checked by content).",
  "file.notAnImage":
    "The photo cannot be read: the file is damaged or the picture is larger than {megapixels} megapixels.",
  "content.notYourPhoto":
    "{field} is not a photo you uploaded: upload it with POST /files and the form field purpose = image.",
  "content.tooManyPhotos": "A product has at most {max} photos: remove one first.",
  "content.photoAlreadyAdded": "This photo is already one of the product's photos.",
  "content.noPhoto": "No such photo of a product you may edit.",
  "content.photoOrder": "{field} must list each of the product's {count} photos once.",
  "content.coordinatePair": "{field}: give both latitude and longitude, or neither.",
} as const;
