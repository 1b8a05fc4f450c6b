package lab.c10k.service.audit;

import lab.c10k.common.api.Audit;
import lab.c10k.common.validation.Params;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

	private final AuditService audits;

	AuditController(AuditService audits) {
		this.audits = audits;
	}

	@GetMapping("/api/trains/{id}/audit")
	Mono<Audit> audit(@PathVariable String id) {
		return audits.audit(Params.id("id", id));
	}

}
