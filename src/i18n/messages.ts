import { AsyncLocalStorage } from "node:async_hooks";
import { label, type EnumName, type Lang } from "./labels";

/**
 * Every message a client can be shown, in one catalogue per language. Keys are stable; `{name}` takes a
 * parameter. A parameter that is an enum value is shown by its label ("Phiếu đăng ký sản phẩm", never
 * REGISTRATION_FORM), and `{field}` by the field's name in the officer's words.
 */
const EN = {
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
    "The criteria sheet of this product set has defects ({defects}); score it by part totals with submitScoreSheet.",
  "scoring.useCriteriaSheet":
    "This product set has a usable criteria sheet: score it per criterion with submitCriteriaScoreSheet.",
  "scoring.badChoices":
    "The choices do not match the criteria sheet. Criteria not chosen: {missing}. Not criteria of the sheet: {unknown}. Chosen twice: {duplicate}. Options of another criterion: {badOptions}.",
  "scoring.noCriteriaSheet":
    "{version} has no criteria sheet for this product set: score it by part totals with submitScoreSheet.",
  "scoring.mixedSheets":
    "Some score sheets are part totals and some per criterion; every member must resubmit per criterion.",
  "scoring.noLocalGrade": "The local criterion {criterion} needs optionCode, an option of {criterionCode}.",
  "scoring.badLocalGrade": "{optionCode} is not an option of {criterionCode}.",
  "code.SCORE_SPREAD": "The members' totals are too far apart.",
  "scoring.spread":
    "The members' totals ({totals}) differ by {spread} points, more than the {maxSpread} the rules allow: review the sheets before concluding.",
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
    "A certificate issued by the Ministry is revoked by the Ministry: record the province's proposal first (proposeRevocationToMinistry), then the Ministry's decision.",
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

export type MessageKey = keyof typeof EN;

const VI: Record<MessageKey, string> = {
  "code.UNAUTHENTICATED": "Cần đăng nhập trước: gửi Authorization: Bearer <token> nhận được khi đăng nhập.",
  "code.FORBIDDEN": "Bạn không có quyền thực hiện việc này.",
  "code.BAD_USER_INPUT": "Dữ liệu nhập không hợp lệ.",
  "code.NOT_FOUND": "Không tìm thấy.",
  "code.INVALID_TRANSITION": "Không thể thực hiện ở trạng thái hiện tại.",
  "code.DEADLINE_PASSED": "Đã quá hạn.",
  "code.CONFLICT": "Dữ liệu vừa được người khác thay đổi: hãy tải lại rồi thử lại.",
  "code.QUERY_TOO_COMPLEX": "Truy vấn quá lớn hoặc quá phức tạp.",
  "code.RATE_LIMITED": "Thử quá nhiều lần: hãy chờ rồi thử lại.",
  "code.INTERNAL_SERVER_ERROR":
    "Lỗi máy chủ. Mã yêu cầu trong tiêu đề X-Request-Id giúp tìm lỗi trong nhật ký.",
  "code.GRAPHQL_PARSE_FAILED": "Truy vấn không đúng cú pháp GraphQL: {detail}",
  "code.GRAPHQL_VALIDATION_FAILED": "Truy vấn không khớp với lược đồ: {detail}",
  "code.BAD_REQUEST": "Yêu cầu không phải là yêu cầu GraphQL mà máy chủ chấp nhận: {detail}",
  "code.PERSISTED_QUERY_NOT_FOUND": "PersistedQueryNotFound",
  "code.PERSISTED_QUERY_NOT_SUPPORTED": "PersistedQueryNotSupported",
  "code.OPERATION_RESOLUTION_FAILURE": "Không rõ cần chạy thao tác nào: {detail}",
  "graphql.variables": "Giá trị của biến không hợp lệ: {detail}",

  "field.text": "{field} phải là văn bản.",
  "field.required": "Chưa nhập {field}.",
  "field.control": "{field} chứa ký tự điều khiển không hợp lệ.",
  "field.deceptive": "{field} chứa ký tự đảo chiều đọc hoặc ký tự hỏng: hãy xoá chúng.",
  "field.singleLine": "{field} phải nằm trên một dòng.",
  "field.maxLength": "{field} dài tối đa {max} ký tự.",
  "field.email": "{field} không phải là địa chỉ thư điện tử.",
  "field.url": "{field} phải là địa chỉ http(s).",
  "field.format": "{field} không đúng định dạng.",
  "field.range": "{field} nằm ngoài giới hạn cho phép.",
  "field.listCap": "{field} chỉ được liệt kê tối đa {max} giá trị.",
  "field.invalid": "{field} không hợp lệ.",
  "field.id": "{field} không phải là mã hợp lệ.",
  "field.pageSize": "{field} phải từ 1 đến {max}.",
  "field.cursor": "{field} không phải là vị trí của danh sách này: hãy bắt đầu lại từ đầu.",
  "field.notFuture": "{field} không được là ngày trong tương lai.",
  "field.year": "{field} không phải là năm hợp lý.",
  "field.list": "{field}: {values} — không phải {what}.",
  "field.problems": "{detail}",

  "auth.wrongLogin": "Sai thư điện tử hoặc mật khẩu.",
  "auth.badToken": "Mã đăng nhập sai, đã hết hạn hoặc không còn hiệu lực: hãy đăng nhập lại.",
  "auth.locked": "Đăng nhập sai quá nhiều lần: hãy thử lại sau {minutes} phút.",
  "auth.otherCommune": "Bạn là cán bộ của xã khác.",
  "auth.passwordLength": "{field} phải dài từ {min} đến {max} ký tự.",
  "auth.demoPassword": "{field} là mật khẩu trình diễn đã công bố.",
  "auth.weakPassword": "{field} quá dễ đoán: hãy dùng một cụm từ dài gồm các từ không liên quan.",
  "auth.wrongOldPassword": "Mật khẩu hiện tại không đúng.",
  "auth.communeRequired": "Cán bộ cấp xã phải thuộc một xã.",
  "auth.communeRefused": "Chỉ cán bộ cấp xã mới thuộc một xã.",
  "auth.emailTaken": "Đã có người dùng với thư điện tử này.",
  "auth.selfDeactivation": "Bạn không thể tự khóa tài khoản của mình.",
  "auth.accountChanged": "Tài khoản vừa được thay đổi: hãy thử lại.",
  "auth.noUser": "Không có người dùng với mã này.",
  "auth.badEmail":
    "{field} không phải địa chỉ thư điện tử hệ thống chấp nhận: chữ không dấu, chữ số và . _ + - trước @, rồi tên miền.",

  "geo.unknownCommune": "{code} không phải là mã xã/phường đã biết.",
  "catalog.notProductSet": "{code} không phải là bộ sản phẩm (ví dụ I.2.b).",
  "catalog.producerExists": "Xã đã có chủ thể này: {name} (mã {id}).",
  "catalog.productExists": "Chủ thể đã có sản phẩm này: {name} (mã {id}).",
  "catalog.noProducer": "Không có chủ thể với mã này.",
  "catalog.noProduct": "Không có sản phẩm với mã này.",

  "round.exists": "Đã có đợt đánh giá “{name}” của năm {year}.",
  "round.notFound": "Không có đợt đánh giá với mã này.",
  "round.deadlineEarlier": "Hạn mới phải sau hạn hiện tại.",
  "round.deadlineChanged": "Hạn vừa được thay đổi: hãy tải lại đợt đánh giá.",

  "dossier.notFound": "Không có hồ sơ với mã này.",
  "dossier.notPossible": "Không thể “{action}” khi hồ sơ đang ở trạng thái “{status}”.",
  "dossier.notYourRole": "{role} không được “{action}” khi hồ sơ đang ở trạng thái “{status}”.",
  "dossier.alreadyCertified": "Sản phẩm đã có giấy chứng nhận: hãy lập hồ sơ đánh giá lại hoặc nâng hạng.",
  "dossier.needsCertificate":
    "Hồ sơ “{kind}” chỉ dành cho sản phẩm đã có giấy chứng nhận: hãy lập hồ sơ đánh giá lần đầu.",
  "dossier.openInRound": "Sản phẩm đã có hồ sơ {code} trong đợt này.",
  "dossier.missingDocuments": "Thiếu giấy tờ bắt buộc: {documents}.",
  "dossier.deadlinePassed": "Đã quá hạn gửi hồ sơ của đợt ({deadline}, 23 giờ 59 phút 59 giây giờ Việt Nam).",
  "dossier.councilIncomplete": "Cần {needed} phiếu chấm để kết luận; hồ sơ mới có {given}.",
  "dossier.provinceStars": "Tỉnh công nhận 3 và 4 sao; kết quả 5 sao được đề nghị Bộ công nhận.",
  "dossier.fiveStarsOnly": "Chỉ hồ sơ đạt 5 sao mới được đề nghị Bộ công nhận.",
  "dossier.belowCentralThreshold":
    "Chỉ hồ sơ có điểm bình quân từ {minPoints} trở lên mới được đề nghị Bộ công nhận; hồ sơ này đạt {average}.",
  "dossier.noSamples": "Quy định không yêu cầu sản phẩm mẫu đối với bộ sản phẩm này.",
  "programme.year": "year phải là một năm từ 2018 đến 2100.",
  "programme.notFound": "Không có sản phẩm tiềm năng này trong phạm vi của bạn.",
  "programme.producerElsewhere": "Chủ thể này không thuộc xã của sản phẩm tiềm năng.",
  "programme.alreadyRegistered": "“{name}” đã có trong danh sách của xã (“{status}”).",
  "programme.notPossible":
    "Sản phẩm tiềm năng đang “{from}” không thể chuyển sang “{to}”; có thể chuyển sang: {allowed}.",
  "programme.dropReason": "Hãy nêu lý do không tiếp tục (reason).",
  "programme.notReady":
    "Chỉ lập hồ sơ cho sản phẩm đã được chọn hoặc đang chuẩn bị; sản phẩm này đang “{status}”.",
  "programme.producerNeeded":
    "Sản phẩm tiềm năng chưa có chủ thể: hãy cho biết chủ thể (producer: tên và loại hình).",
  "scoring.sheetUnusable":
    "Phiếu chấm của bộ sản phẩm này có lỗi ({defects}); hãy chấm theo tổng điểm từng phần bằng submitScoreSheet.",
  "scoring.useCriteriaSheet":
    "Bộ sản phẩm này có phiếu chấm theo tiêu chí dùng được: hãy chấm từng tiêu chí bằng submitCriteriaScoreSheet.",
  "scoring.badChoices":
    "Lựa chọn không khớp với phiếu chấm. Tiêu chí chưa chọn: {missing}. Không phải tiêu chí của phiếu: {unknown}. Chọn hai lần: {duplicate}. Lựa chọn của tiêu chí khác: {badOptions}.",
  "scoring.noCriteriaSheet":
    "{version} không có phiếu chấm cho bộ sản phẩm này: hãy chấm theo tổng điểm từng phần bằng submitScoreSheet.",
  "scoring.mixedSheets":
    "Có phiếu chấm theo tổng điểm phần và có phiếu chấm theo tiêu chí; mọi thành viên cần chấm lại theo tiêu chí.",
  "scoring.noLocalGrade":
    "Tiêu chí địa phương {criterion} cần optionCode, một lựa chọn của tiêu chí {criterionCode}.",
  "scoring.badLocalGrade": "{optionCode} không phải là lựa chọn của tiêu chí {criterionCode}.",
  "code.SCORE_SPREAD": "Tổng điểm của các thành viên chênh lệch quá nhiều.",
  "scoring.spread":
    "Tổng điểm của các thành viên ({totals}) chênh nhau {spread} điểm, vượt mức {maxSpread} điểm theo quy định: cần xem lại các phiếu trước khi kết luận.",
  "dossier.noFile": "Không có tệp với mã này.",
  "dossier.noDocument": "Không có giấy tờ với mã này.",
  "dossier.noDocumentsGiven": "Hãy chọn ít nhất một giấy tờ.",
  "dossier.notEarlierDocuments": "Đây không phải giấy tờ của các hồ sơ trước của sản phẩm.",
  "dossier.lapsedDocuments": "Các giấy tờ đã hết hiệu lực: {documents}.",

  "certificate.notFound": "Không có giấy chứng nhận với số này.",
  "certificate.noNoticeDue": "Giấy chứng nhận đang ở trạng thái “{status}”: không cần thông báo.",
  "certificate.noticeRecorded":
    "Đã ghi nhận thông báo của {authority} gửi ngày {sentOn} cho giấy chứng nhận này.",
  "certificate.onlyActive":
    "Giấy chứng nhận đang ở trạng thái “{status}”: chỉ thu hồi được giấy còn hiệu lực hoặc đã hết hạn.",
  "certificate.unknownGrounds":
    "{codes} không phải là căn cứ thu hồi theo {version}; các căn cứ là: {known}.",
  "certificate.ministryRevokes":
    "Giấy chứng nhận do Bộ cấp thì Bộ thu hồi: hãy ghi nhận văn bản đề nghị của tỉnh trước (proposeRevocationToMinistry), sau đó ghi quyết định của Bộ.",
  "certificate.provinceRevokes": "Giấy chứng nhận này do tỉnh thu hồi, không đề nghị Bộ.",
  "certificate.proposedAlready":
    "Đã đề nghị Bộ thu hồi giấy chứng nhận này ({letterNumber} ngày {letterDate}).",
  "certificate.notThisProduct": "Các vi phạm này không được ghi nhận cho sản phẩm này.",
  "certificate.recommendationWaiting": "Đã có đề nghị thu hồi giấy chứng nhận này đang chờ tỉnh quyết định.",
  "certificate.already": "Giấy chứng nhận đã ở trạng thái “{status}”.",
  "certificate.revokedMeanwhile": "Giấy chứng nhận vừa bị thu hồi.",
  "certificate.certifiedMeanwhile": "Sản phẩm vừa được công nhận: hãy tải lại hồ sơ.",
  "recommendation.notFound": "Không có đề nghị với mã này.",
  "recommendation.already": "Đề nghị đã ở trạng thái “{status}”.",
  "recommendation.decidedMeanwhile": "Đề nghị vừa được quyết định.",

  "limits.cost": "Chi phí truy vấn {cost} vượt giới hạn {max}: hãy hỏi ít trường hơn hoặc giảm first.",
  "http.bodyTooLarge": "Nội dung yêu cầu vượt giới hạn {limit}.",
  "http.badJson": "Nội dung yêu cầu không phải JSON hợp lệ.",
  "http.badRequest": "Địa chỉ hoặc tiêu đề của yêu cầu bị lỗi (ví dụ mã hoá % không đúng).",
  "http.noRoute": "Không có gì ở địa chỉ này: API trả lời tại /graphql.",

  "file.multipart": "Hãy gửi multipart/form-data với tệp trong trường `file`.",
  "file.malformed": "Nội dung multipart bị lỗi.",
  "file.cutShort": "Tệp tải lên bị gián đoạn.",
  "file.missing": "Không có tệp trong trường `file`.",
  "file.tooLarge": "Tệp vượt giới hạn {megabytes} MB.",
  "file.type": "Chỉ nhận tệp PDF, JPEG và PNG (kiểm tra theo nội dung tệp).",
  "file.quota": "Dung lượng tải lên hôm nay đã đạt giới hạn {megabytes} MB: hãy thử lại vào ngày mai.",

  "catalog.productInUse":
    "“{name}” đã có giấy chứng nhận hoặc hồ sơ nên không thể xóa: hãy lưu trữ sản phẩm.",
  "catalog.productUnderEvaluation": "“{name}” có hồ sơ đang đánh giá nên không thể lưu trữ.",
  "catalog.productArchived": "“{name}” đã được lưu trữ: hãy khôi phục trước khi mở hồ sơ.",
  "certificate.numberTaken": "Số giấy chứng nhận {number} đã được dùng.",
  "import.noFile": "Không có bảng tính nào bạn đã tải lên với mã này.",
  "import.notImportFile":
    "Tệp này không được tải lên để nhập dữ liệu: hãy tải bảng tính lên với purpose=import.",
  "import.unreadable": "Không đọc được tệp dưới dạng sổ tính Excel (.xlsx) hay tệp CSV.",
  "import.encoding": "Tệp CSV không phải văn bản UTF-8 hay UTF-16: trong Excel, hãy lưu dạng “CSV UTF-8”.",
  "import.empty": "Tệp không có dòng tiêu đề.",
  "import.noRows": "Tệp không có dòng dữ liệu nào.",
  "import.tooManyRows": "Tệp có hơn {max} dòng: hãy chia thành các tệp nhỏ hơn.",
  "import.tooLarge":
    "Sổ tính có nội dung lớn hơn mức một bảng {max} dòng có thể có (giải nén quá lớn hoặc quá nhiều ô): hãy lưu trang tính đầu tiên thành sổ tính mới hoặc tệp CSV.",
  "import.missingColumn": "Thiếu cột bắt buộc “{column}”.",
  "import.duplicateColumn": "Cột “{column}” xuất hiện hai lần.",
  "import.required": "Cần nhập “{column}”.",
  "import.tooLong": "“{column}” dài quá {max} ký tự.",
  "import.badText": "“{column}” có ký tự không được phép.",
  "import.badStars": "“{value}” không phải hạng sao: ghi 3, 4 hoặc 5.",
  "import.badKind":
    "“{value}” không phải loại hình chủ thể: ghi Hợp tác xã, Doanh nghiệp, Hộ kinh doanh hoặc Tổ hợp tác.",
  "import.badLevel": "“{value}” không phải cấp công nhận: ghi UBND tỉnh, UBND huyện hoặc Bộ.",
  "import.badDate": "“{value}” không phải ngày: ghi dd/mm/yyyy.",
  "import.futureDate": "Ngày {value} ở tương lai.",
  "import.expiryBeforeDecision": "Ngày hết hạn {value} trước ngày quyết định.",
  "import.badEmail": "“{value}” không phải địa chỉ thư điện tử.",
  "import.badPhone": "“{value}” không phải số điện thoại: 6 đến 30 chữ số, dấu cách hoặc + ( ) . -",
  "import.unknownCommune": "Không có xã/phường nào tên “{value}”, hiện nay hay trước khi sắp xếp năm 2025.",
  "import.ambiguousCommune": "“{value}” có thể là {candidates}: hãy ghi mã hoặc tên hiện nay của xã/phường.",
  "import.unknownProductSet": "“{value}” không phải bộ sản phẩm: ghi mã (ví dụ I.2.b) hoặc tên bộ sản phẩm.",
  "import.ambiguousProductSet": "“{value}” có thể là {candidates}: hãy ghi mã bộ sản phẩm.",
  "import.otherCommune": "Dòng này thuộc {commune}: bạn chỉ được nhập các dòng của xã/phường mình.",
  "import.certificateOfOtherProduct": "Giấy chứng nhận {number} thuộc sản phẩm khác, “{product}”.",
  "import.expiryDiffers":
    "Ngày hết hạn {given} khác {expected} (ngày quyết định cộng {months} tháng): giữ ngày đã ghi.",
  "import.conflictingValue":
    "“{column}” ở đây là “{value}” nhưng ở dòng {line} là “{kept}” cho cùng {what}: giữ giá trị của dòng {line}.",
  "import.revokedKept":
    "Giấy chứng nhận {number} đã bị thu hồi ngày {revokedOn}: việc nhập không thay đổi nó.",
  "import.applyNotYours":
    "Chỉ cấp tỉnh ghi nhận giấy chứng nhận: cán bộ cấp xã chỉ được chạy thử các dòng của xã mình để chuẩn bị tệp.",
  "import.levelStars": "{level} không công nhận sản phẩm {stars} sao ({source}).",
  "import.levelEnded": "{level} không công nhận sản phẩm OCOP vào ngày {date} ({source}).",
  "import.levelInferred": "Không ghi cấp công nhận: hiểu là {level} ({why}).",
  "import.afterGoLive":
    "Quyết định ngày {value} từ ngày {goLive} trở đi, khi tỉnh bắt đầu ghi nhận công nhận trên hệ thống: hãy ghi nhận qua quy trình.",
  "import.relistRevoked":
    "Giấy chứng nhận gần nhất của sản phẩm, số {number}, đã bị thu hồi ngày {revokedOn}: việc nhập không đưa sản phẩm trở lại (cần đánh giá lại).",
  "import.workflowCertificate":
    "Giấy chứng nhận {number} được cấp qua quy trình trên hệ thống: việc nhập không sửa hay thay thế nó.",
  "import.formerUnit":
    "“{value}” trước khi sắp xếp ngày 1/7/2025 là đơn vị nay thuộc {commune}: hiểu như vậy theo quyết định ngày {date}.",
  "import.communeNeedsDate":
    "“{value}” là {current} hiện nay và từng là đơn vị nay thuộc {former}: cần ngày quyết định hợp lệ để xác định.",
  "import.exampleRow": "Đây là dòng ví dụ của tệp mẫu: hãy xoá dòng này trước khi nhập.",
  "file.purposeNotYours": "Vai trò của bạn không dùng được tệp tải lên cho mục đích {purpose}.",
  "file.notEvidence": "Tệp này được tải lên để nhập dữ liệu: hồ sơ chỉ nhận giấy tờ PDF, JPEG hoặc PNG.",
  "file.importType": "Chỉ nhận sổ tính Excel (.xlsx) và tệp CSV để nhập dữ liệu (kiểm tra theo nội dung).",
  "file.purpose": "Trường `purpose` phải là evidence, import hoặc image.",
  "file.imageType": "Chỉ nhận ảnh JPEG, PNG và WebP (kiểm tra theo nội dung tệp).",
  "file.notAnImage": "Không đọc được ảnh: tệp bị hỏng hoặc ảnh lớn hơn {megapixels} megapixel.",
  "content.notYourPhoto":
    "{field} không phải là ảnh do bạn tải lên: hãy tải ảnh bằng POST /files với trường purpose = image.",
  "content.tooManyPhotos": "Mỗi sản phẩm có tối đa {max} ảnh: hãy xoá bớt một ảnh trước.",
  "content.photoAlreadyAdded": "Ảnh này đã có trong các ảnh của sản phẩm.",
  "content.noPhoto": "Không có ảnh này trong các sản phẩm bạn được sửa.",
  "content.photoOrder": "{field} phải liệt kê mỗi ảnh trong {count} ảnh của sản phẩm đúng một lần.",
  "content.coordinatePair": "{field}: hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.",
};

export const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { en: EN, vi: VI };

/** Field names in the officer's words; a field not listed is shown by its name. */
export const FIELDS: Record<Lang, Record<string, string>> = {
  vi: {
    name: "Tên",
    title: "Tiêu đề",
    reason: "Lý do",
    email: "Thư điện tử",
    password: "Mật khẩu",
    newPassword: "Mật khẩu mới",
    oldPassword: "Mật khẩu hiện tại",
    fullName: "Họ và tên",
    communeCode: "Mã xã/phường",
    communeCodes: "Xã/phường",
    categoryCode: "Mã bộ sản phẩm",
    categoryCodes: "Nhóm sản phẩm",
    decisionNumber: "Số quyết định",
    decisionDate: "Ngày quyết định",
    certificateNumber: "Số giấy chứng nhận",
    note: "Ghi chú",
    findings: "Kết quả kiểm tra",
    description: "Mô tả",
    phone: "Điện thoại",
    website: "Trang web",
    address: "Địa chỉ",
    representative: "Người đại diện",
    registrationNumber: "Mã số đăng ký",
    search: "Từ khóa tìm kiếm",
    year: "Năm",
    minCouncilSize: "Số phiếu chấm tối thiểu",
    partA: "Điểm phần A",
    partB: "Điểm phần B",
    partC: "Điểm phần C",
    mandatoryStarsMet: "Hạng sao đạt tiêu chí bắt buộc",
    stars: "Hạng sao",
    violations: "Vi phạm",
    violationIds: "Vi phạm",
    documentIds: "Giấy tờ",
    statuses: "Trạng thái",
    kinds: "Loại hồ sơ",
    sentOn: "Ngày thông báo",
    inspectedOn: "Ngày kiểm tra",
    submissionDeadline: "Hạn gửi hồ sơ",
    validUntil: "Hiệu lực đến",
    first: "Số mục mỗi trang",
    after: "Vị trí trang",
    id: "Mã",
    withinDays: "Số ngày",
    recognizedYear: "Năm công nhận",
    productId: "Sản phẩm",
    producerId: "Chủ thể",
    dossierId: "Hồ sơ",
    roundId: "Đợt đánh giá",
    fileId: "Tệp",
    certifiedInYear: "Năm công nhận",
    nameEn: "Tên tiếng Anh",
    descriptionEn: "Mô tả tiếng Anh",
    alt: "Mô tả ảnh",
    altEn: "Mô tả ảnh tiếng Anh",
    imageIds: "Thứ tự ảnh",
    pointsOfSale: "Điểm bán",
    url: "Địa chỉ web",
    latitude: "Vĩ độ",
    longitude: "Kinh độ",
    openingHours: "Giờ mở cửa",
    since: "Vị trí thay đổi",
  },
  en: {},
};

export type EnumRef = { enum: EnumName; value: string };
export type Param = string | number | EnumRef | EnumRef[];
export type Params = Record<string, Param>;

/** An enum value as a message parameter: shown by its label in the reader's language. */
export const enumRef = (enumName: EnumName, value: string): EnumRef => ({ enum: enumName, value });
export const enumRefs = (enumName: EnumName, values: readonly string[]): EnumRef[] =>
  values.map((v) => enumRef(enumName, v));

/** The last part of a path ("input.violations.0.description" → "description") in the reader's words. */
export const fieldLabel = (lang: Lang, path: string) => {
  const last =
    path
      .split(".")
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  return FIELDS[lang][last] ?? last;
};

export function render(lang: Lang, key: MessageKey, params: Params = {}): string {
  const text = (p: Param): string =>
    Array.isArray(p)
      ? p.map(text).join(", ")
      : typeof p === "object"
        ? label(lang, p.enum, p.value)
        : String(p);
  return CATALOGUE[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    return name === "field" ? fieldLabel(lang, text(params.field)) : text(params[name]);
  });
}

/**
 * The language of the current request: the one Accept-Language prefers among vi and en; without one,
 * Vietnamese for staff (a request with a token, or a mutation) and English for the public catalog.
 */
export type RequestLanguage = { asked: Lang | null; staff: boolean };
const requestLanguage = new AsyncLocalStorage<RequestLanguage>();

export const withLanguage = <T>(language: RequestLanguage, run: () => T): T =>
  requestLanguage.run(language, run);
export const markStaffRequest = () => {
  const current = requestLanguage.getStore();
  if (current) current.staff = true;
};
export function currentLang(): Lang {
  const current = requestLanguage.getStore();
  if (!current) return "en";
  return current.asked ?? (current.staff ? "vi" : "en");
}
